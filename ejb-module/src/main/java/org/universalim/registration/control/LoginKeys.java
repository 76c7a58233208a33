package org.universalim.registration.control;

import org.universalim.address.UserNames;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What failed log-ins are counted under: the account as the server looks it up, and the client address,
 * IPv6 addresses by their /64 network (one subscriber's line usually has a whole /64, so counting single
 * IPv6 addresses would let one client spread its guesses over 2^64 of them).
 */
public final class LoginKeys {

    /** Longest key kept, so a long user name cannot make an entry large. */
    static final int MAX_KEY = 128;
    public static final String UNKNOWN_ADDRESS = "unknown";

    private LoginKeys() {
    }

    /** The account a log-in is for: the normalised user name, or the given text folded when it is no valid name. */
    public static String account(String userName) {
        if (userName == null) {
            return "";
        }
        String key;
        try {
            key = UserNames.normalize(userName);
        } catch (IllegalArgumentException notAName) {
            key = userName.strip().toLowerCase(Locale.ROOT);
        }
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    /**
     * The key of a client address given as an IP literal (never looked up in the DNS): IPv4 as it is,
     * IPv6 as its /64 network ({@code 2001:db8:1:2:0:0:0:0/64}); anything else is {@value #UNKNOWN_ADDRESS}.
     */
    public static String address(String literal) {
        InetAddress address = IpLiteral.parse(literal);
        if (address == null) {
            return UNKNOWN_ADDRESS;
        }
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                return UNKNOWN_ADDRESS;
            }
        }
        return address.getHostAddress();
    }
}
