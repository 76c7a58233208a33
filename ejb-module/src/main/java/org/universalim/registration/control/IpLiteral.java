package org.universalim.registration.control;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP addresses given as text (a peer address, a forwarded header, a setting): parsed, never looked up in the DNS. */
public final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * The address of an IPv4 or IPv6 literal (brackets and an IPv6 zone allowed), IPv4-mapped IPv6 as IPv4;
     * {@code null} for anything else, host names included.
     */
    public static InetAddress parse(String literal) {
        if (literal == null) {
            return null;
        }
        String s = literal.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone);
        }
        if (!isLiteral(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Text that can only be an IP literal, so that {@link InetAddress#getByName} never asks the DNS for it. */
    static boolean isLiteral(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
