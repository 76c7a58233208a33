package org.universalim.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a client connects from, as far as the server can trust it: its IP address (the key of the
 * per-address log-in limits) and whether its connection is encrypted (PLAIN is offered only then).
 * Behind a trusted proxy ({@link TrustedProxies}) the proxy's {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} tell them; from anybody else those headers are ignored.
 *
 * @param address an IP literal, or {@code unknown}
 * @param secure  TLS between the client and us or our trusted proxy
 */
public record ClientOrigin(String address, boolean secure) {

    /** The key of the WebSocket session property holding the origin recorded at the handshake. */
    public static final String PROPERTY = "universalim.clientOrigin";
    public static final ClientOrigin UNKNOWN = new ClientOrigin("unknown", false);

    /**
     * @param remote        the address of the TCP peer
     * @param tls           whether the TCP connection is TLS
     * @param forwardedFor  every {@code X-Forwarded-For} value, in order (may be empty)
     * @param forwardedProto the first {@code X-Forwarded-Proto} value, or {@code null}
     */
    public static ClientOrigin resolve(String remote, boolean tls, List<String> forwardedFor, String forwardedProto,
                                       TrustedProxies proxies) {
        String peer = remote == null || TrustedProxies.bytes(remote) == null ? "unknown" : strip(remote);
        if (!proxies.trusts(peer)) {
            return new ClientOrigin(peer, tls);
        }
        // the hops the proxies appended, last hop last: the client is the nearest one that is not a trusted proxy
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = withoutPort(hops.get(i));
            if (TrustedProxies.bytes(hop) == null) {
                break; // not an address: nothing before it can be trusted either
            }
            client = strip(hop);
            if (!proxies.trusts(hop)) {
                break;
            }
        }
        String proto = forwardedProto == null ? "" : forwardedProto.split(",")[0].strip().toLowerCase(Locale.ROOT);
        boolean secure = proto.isEmpty() ? tls : proto.equals("https") || proto.equals("wss");
        return new ClientOrigin(client, secure);
    }

    /** {@code 203.0.113.7:5123} and {@code [2001:db8::1]:5123} as sent by some proxies, without the port. */
    static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    private static String strip(String address) {
        String s = address.strip();
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }
}
