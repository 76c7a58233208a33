package org.universalim.platform.security;

import org.universalim.registration.control.IpLiteral;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS-terminating reverse proxies the administrator declared ({@code trusted.proxies}: IP addresses or
 * CIDR networks, comma-separated, e.g. {@code 10.0.0.5, 10.1.0.0/16, fd00::/8}). Only their
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} count. Addresses are matched as IP literals only,
 * never looked up in the DNS.
 */
public final class TrustedProxies {

    /** One network: its address bytes and prefix length. */
    private record Network(byte[] address, int prefix) {

        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * @throws IllegalArgumentException naming the entry that is no IP address or network
     */
    public static TrustedProxies parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<Network> networks = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            byte[] address = bytes(slash < 0 ? e : e.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("trusted.proxies: '" + e + "' is no IP address or network");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException notNumber) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("trusted.proxies: '" + e + "' has no valid prefix length");
                }
            }
            networks.add(new Network(address, prefix));
        }
        return new TrustedProxies(networks);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public boolean trusts(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && networks.stream().anyMatch(n -> n.contains(bytes));
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4), or {@code null} for anything else. */
    static byte[] bytes(String literal) {
        InetAddress address = IpLiteral.parse(literal);
        return address == null ? null : address.getAddress();
    }
}
