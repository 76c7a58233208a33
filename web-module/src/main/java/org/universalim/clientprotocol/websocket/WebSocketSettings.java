package org.universalim.clientprotocol.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.clientprotocol.connection.ConnectionLimits;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Limits of the client WebSocket endpoints (server.xml variables); those of every client connection are {@link ConnectionLimits}. */
@ApplicationScoped
public class WebSocketSettings {

    /** Largest frame a client may send, in bytes; larger ones close the connection with 1009. */
    public static final int MAX_FRAME = 65_536;

    /** The limits of every client connection (the same for the TCP door); this class adds the WebSocket-only ones. */
    @Inject
    ConnectionLimits limits;

    @Inject
    @ConfigProperty(name = "ws.allowed.origins")
    Optional<String> allowedOrigins;

    public long idleTimeoutMillis() {
        return limits.idleTimeoutMillis();
    }

    public int loginDeadlineSeconds() {
        return limits.loginDeadlineSeconds();
    }

    /** How long one write to a client may take before the connection counts as broken. */
    public long sendTimeoutMillis() {
        return limits.sendTimeoutMillis();
    }

    public int outboundMax() {
        return limits.outboundMax();
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
