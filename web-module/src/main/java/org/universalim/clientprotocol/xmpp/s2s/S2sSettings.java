package org.universalim.clientprotocol.xmpp.s2s;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Server-to-server XMPP (server.xml variables; docs/xmpp-tcp.md). */
@ApplicationScoped
public class S2sSettings {

    /** The interface the s2s listener binds to; {@code *} for all. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.host", defaultValue = "*")
    String host;

    /** The s2s port (RFC 6120; 5269); -1 switches server-to-server XMPP off, both ways. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.port", defaultValue = "5269")
    int port;

    /** The Liberty {@code <ssl>} configuration: our certificate, and the trust store that verifies the peers'. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.ssl.ref", defaultValue = "xmppS2sSSL")
    String sslRef;

    /** Static routes, {@code domain=host:port} separated by commas or spaces; they win over DNS. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.routes")
    Optional<String> routes;

    /** The DNS server asked for SRV records, {@code host:port}; none: the system's resolvers. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.dns")
    Optional<String> dns;

    /** Domains the administrator blocks, both ways, separated by commas or spaces. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.blocked")
    Optional<String> blocked;

    /**
     * One remote domain allowed without TLS both ways (then authenticated by Server Dialback), for tests; none by
     * default.
     */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.insecure.domain")
    Optional<String> insecureDomain;

    /** The Server Dialback secret (XEP-0185): the same on every node of the ISP; random per start when none. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.dialback.secret")
    Optional<String> dialbackSecret;

    /** Stanzas a remote domain may send per second (all its connections), and in a burst. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.rate.per.second", defaultValue = "100")
    double ratePerSecond;

    @Inject
    @ConfigProperty(name = "xmpp.s2s.rate.burst", defaultValue = "500")
    double rateBurst;

    /** How long setting up an outgoing connection (TCP, TLS, authentication) may take. */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.connect.seconds", defaultValue = "15")
    int connectSeconds;

    /** An outgoing connection that carried nothing so long is closed (it is opened again when needed). */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.idle.seconds", defaultValue = "300")
    int idleSeconds;

    /** How long an IQ of our user's resource to a remote entity waits for its answer ({@code remote-server-timeout} after). */
    @Inject
    @ConfigProperty(name = "xmpp.s2s.iq.timeout.seconds", defaultValue = "30")
    int iqTimeoutSeconds;

    public String host() {
        return host == null || host.isBlank() || host.strip().equals("*") ? null : host.strip();
    }

    public int port() {
        return port;
    }

    public boolean enabled() {
        return port >= 0;
    }

    public String sslRef() {
        return sslRef;
    }

    public S2sRoutes.Static routes() {
        return S2sRoutes.Static.parse(routes.orElse(""));
    }

    /** The DNS server of {@code xmpp.s2s.dns} ({@code host:port}), or {@code null} for the system's. */
    public String dnsServer() {
        return dns.map(String::strip).filter(d -> !d.isEmpty()).orElse(null);
    }

    public Set<String> blocked() {
        return domains(blocked.orElse(""));
    }

    /** The domain allowed without TLS, lower case, or {@code null}. */
    public String insecureDomain() {
        return insecureDomain.map(String::strip).filter(d -> !d.isEmpty()).map(d -> d.toLowerCase(Locale.ROOT)).orElse(null);
    }

    public String dialbackSecret() {
        return dialbackSecret.orElse(null);
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    public double rateBurst() {
        return rateBurst;
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(Math.max(1, connectSeconds));
    }

    public Duration iqTimeout() {
        return Duration.ofSeconds(Math.max(1, iqTimeoutSeconds));
    }

    public int idleSeconds() {
        return Math.max(10, idleSeconds);
    }

    static Set<String> domains(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
