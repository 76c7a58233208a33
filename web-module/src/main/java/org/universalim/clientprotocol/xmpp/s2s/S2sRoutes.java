package org.universalim.clientprotocol.xmpp.s2s;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the XMPP server of a domain is (RFC 6120 3.2, XEP-0368): a static route of the configuration first; else the
 * DNS SRV records {@code _xmpps-server._tcp} (direct TLS) and {@code _xmpp-server._tcp} (STARTTLS), by priority and
 * weight, direct TLS first at equal priority; else the domain itself (its A/AAAA records) on port 5269. A domain whose
 * SRV record is {@code .} offers no service (RFC 2782): none.
 */
public final class S2sRoutes {

    /** One place to try. */
    public record Target(String host, int port, boolean directTls) {
    }

    /** The static routes of the configuration. */
    public record Static(Map<String, Target> routes) {

        /** {@code domain=host:port} (optionally {@code domain=host:port/tls} for direct TLS), separated by commas or spaces. */
        public static Static parse(String text) {
            Map<String, Target> routes = new HashMap<>();
            if (text != null) {
                for (String entry : text.split("[,\\s]+")) {
                    if (entry.isBlank()) {
                        continue;
                    }
                    int eq = entry.indexOf('=');
                    int colon = entry.lastIndexOf(':');
                    if (eq <= 0 || colon < eq) {
                        throw new IllegalArgumentException("a static s2s route is domain=host:port, not " + entry);
                    }
                    String portText = entry.substring(colon + 1);
                    boolean tls = portText.endsWith("/tls");
                    int port = Integer.parseInt(tls ? portText.substring(0, portText.length() - 4) : portText);
                    routes.put(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                            new Target(entry.substring(eq + 1, colon), port, tls));
                }
            }
            return new Static(Map.copyOf(routes));
        }
    }

    /** An SRV record. */
    record Srv(int priority, int weight, int port, String host, boolean directTls) {
    }

    public static final int DEFAULT_PORT = 5269;

    private S2sRoutes() {
    }

    /** Where to try, in order; empty when the domain has no XMPP service. Blocks on DNS (call off the event loop). */
    public static List<Target> resolve(String domain, Static configured) {
        return resolve(domain, configured, null);
    }

    /** As {@link #resolve(String, Static)}, asking the DNS server {@code dnsServer} ({@code host:port}; null: the system's). */
    public static List<Target> resolve(String domain, Static configured, String dnsServer) {
        Target fixed = configured.routes().get(domain.toLowerCase(Locale.ROOT));
        if (fixed != null) {
            return List.of(fixed);
        }
        List<Srv> records = new ArrayList<>();
        records.addAll(srv("_xmpps-server._tcp." + domain, true, dnsServer));
        records.addAll(srv("_xmpp-server._tcp." + domain, false, dnsServer));
        if (records.isEmpty()) {
            return List.of(new Target(domain, DEFAULT_PORT, false));
        }
        return order(records);
    }

    /** By priority (lower first), by weight within one (RFC 2782, the random choice), direct TLS first when equal. */
    static List<Target> order(List<Srv> records) {
        List<Srv> usable = records.stream().filter(r -> !".".equals(r.host()) && !r.host().isEmpty()).toList();
        Map<Integer, List<Srv>> byPriority = new java.util.TreeMap<>();
        usable.forEach(r -> byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r));
        List<Target> targets = new ArrayList<>();
        for (List<Srv> same : byPriority.values()) {
            List<Srv> left = new ArrayList<>(same);
            left.sort(Comparator.comparing((Srv r) -> !r.directTls()));
            while (!left.isEmpty()) {
                int total = left.stream().mapToInt(Srv::weight).sum();
                int pick = total == 0 ? 0 : ThreadLocalRandom.current().nextInt(total + 1);
                Srv chosen = left.get(0);
                int running = 0;
                for (Srv r : left) {
                    running += r.weight();
                    if (running >= pick) {
                        chosen = r;
                        break;
                    }
                }
                left.remove(chosen);
                targets.add(new Target(chosen.host(), chosen.port(), chosen.directTls()));
            }
        }
        return targets;
    }

    private static List<Srv> srv(String name, boolean directTls, String dnsServer) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        if (dnsServer != null) {
            env.put("java.naming.provider.url", "dns://" + dnsServer);
        }
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        List<Srv> found = new ArrayList<>();
        try {
            InitialDirContext dns = new InitialDirContext(env);
            try {
                Attributes attributes = dns.getAttributes(name, new String[] {"SRV"});
                Attribute srv = attributes.get("SRV");
                if (srv != null) {
                    for (int i = 0; i < srv.size(); i++) {
                        parse(String.valueOf(srv.get(i)), directTls).ifPresent(found::add);
                    }
                }
            } finally {
                dns.close();
            }
        } catch (NamingException | RuntimeException e) {
            return List.of(); // no record, no DNS: the next way
        }
        return found;
    }

    /** {@code priority weight port target.} as JNDI gives an SRV record. */
    static java.util.Optional<Srv> parse(String record, boolean directTls) {
        String[] parts = record.strip().split("\\s+");
        if (parts.length != 4) {
            return java.util.Optional.empty();
        }
        try {
            String host = parts[3].endsWith(".") && parts[3].length() > 1 ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
            return java.util.Optional.of(new Srv(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    host, directTls));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
