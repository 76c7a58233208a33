package org.universalim.clientprotocol.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.TimeUnit;

/**
 * Limits of every client connection, whatever its door: the WebSocket endpoints ({@code /ws/local},
 * {@code /xmpp-websocket}) and XMPP over TCP (docs/security.md). The settings keep their first names ({@code ws.*}):
 * they were the WebSocket doors' before TCP came.
 */
@ApplicationScoped
public class ConnectionLimits {

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
    @ConfigProperty(name = "ws.backlog.frames", defaultValue = "1000")
    int backlogFrames;

    @Inject
    @ConfigProperty(name = "ws.backlog.chars", defaultValue = "524288")
    long backlogChars;

    @Inject
    @ConfigProperty(name = "ws.backlog.total.chars", defaultValue = "33554432")
    long backlogTotalChars;

    @Inject
    @ConfigProperty(name = "ws.outbound.max", defaultValue = "10000")
    int outboundMax;

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

    /** A connection not logged in this long after it opened is closed (0: never). */
    public long loginDeadlineNanos() {
        return TimeUnit.SECONDS.toNanos(Math.max(0, loginDeadlineSeconds));
    }

    public int loginDeadlineSeconds() {
        return loginDeadlineSeconds;
    }

    /** Connections not yet logged in that one client address may hold, at all doors together (0: no limit). */
    public int unauthenticatedPerAddress() {
        return unauthenticatedPerAddress;
    }

    /** How long one write to a client may take before the connection counts as broken. */
    public long sendTimeoutMillis() {
        return Math.max(1, sendTimeoutSeconds) * 1000L;
    }

    /** A fresh rate for one connection: frames (WebSocket) or top-level elements (TCP) a second, and the burst. */
    public RateLimiter newRateLimiter() {
        return new RateLimiter(ratePerSecond, rateBurst, System.nanoTime());
    }

    /**
     * Frames a WebSocket client sent over its rate that may wait their turn, and their characters together (beyond
     * either, the connection ends: docs/security.md). TCP needs none: reading stops instead.
     */
    public int backlogFrames() {
        return backlogFrames;
    }

    public long backlogChars() {
        return backlogChars;
    }

    /**
     * Characters the backlogs of all WebSocket connections may hold together (0: no bound but each one's): beyond, a
     * connection whose frame finds no room ends as when its own backlog is full.
     */
    public long backlogTotalChars() {
        return backlogTotalChars;
    }

    /** Frames or elements queued for one client before it counts as not reading. */
    public int outboundMax() {
        return outboundMax;
    }
}
