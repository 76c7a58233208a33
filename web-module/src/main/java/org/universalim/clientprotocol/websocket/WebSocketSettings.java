package org.universalim.clientprotocol.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Limits of the client WebSocket endpoints (server.xml variables). */
@ApplicationScoped
public class WebSocketSettings {

    /** Largest frame a client may send, in bytes; larger ones close the connection with 1009. */
    public static final int MAX_FRAME = 65_536;

    @Inject
    @ConfigProperty(name = "ws.idle.timeout.seconds", defaultValue = "300")
    int idleTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "ws.rate.per.second", defaultValue = "50")
    double ratePerSecond;

    @Inject
    @ConfigProperty(name = "ws.rate.burst", defaultValue = "200")
    double rateBurst;

    @Inject
    @ConfigProperty(name = "ws.outbound.max", defaultValue = "10000")
    int outboundMax;

    @Inject
    @ConfigProperty(name = "ws.allowed.origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "ws.login.deadline.seconds", defaultValue = "20")
    int loginDeadlineSeconds;

    @Inject
    @ConfigProperty(name = "ws.unauthenticated.per.address", defaultValue = "20")
    int unauthenticatedPerAddress;

    @Inject
    @ConfigProperty(name = "ws.send.timeout.seconds", defaultValue = "10")
    int sendTimeoutSeconds;

    public long idleTimeoutMillis() {
        return idleTimeoutSeconds * 1000L;
    }

    /** Nothing either way for this long ends a connection (0: never). */
    public long idleTimeoutNanos() {
        return TimeUnit.SECONDS.toNanos(Math.max(0, idleTimeoutSeconds));
    }

    /** A connection not logged in this long after the upgrade is closed (0: never). */
    public long loginDeadlineNanos() {
        return TimeUnit.SECONDS.toNanos(Math.max(0, loginDeadlineSeconds));
    }

    public int loginDeadlineSeconds() {
        return loginDeadlineSeconds;
    }

    /** Connections not yet logged in that one client address may hold (0: no limit). */
    public int unauthenticatedPerAddress() {
        return unauthenticatedPerAddress;
    }

    /** How long one write to a client may take before the connection counts as broken. */
    public long sendTimeoutMillis() {
        return Math.max(1, sendTimeoutSeconds) * 1000L;
    }

    public RateLimiter newRateLimiter() {
        return new RateLimiter(ratePerSecond, rateBurst, System.nanoTime());
    }

    public int outboundMax() {
        return outboundMax;
    }

    /**
     * Whether a browser page from {@code origin} may open a socket on {@code host}: clients that send no
     * Origin (not browsers) may; a browser page may when it comes from the server's own host, or from an
     * origin listed in {@code ws.allowed.origins} (comma-separated, {@code *} for any).
     */
    public boolean originAllowed(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        List<String> allowed = allowedOrigins.map(s -> Arrays.stream(s.split(",")).map(String::strip)
                .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        if (allowed.contains("*") || allowed.contains(origin.strip())) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            String originHost = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return host != null && originHost.toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
