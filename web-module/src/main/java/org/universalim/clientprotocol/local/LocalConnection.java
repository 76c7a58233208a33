package org.universalim.clientprotocol.local;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.universalim.clientprotocol.websocket.FrameAssembler;
import org.universalim.clientprotocol.websocket.OutboundQueue;
import org.universalim.clientprotocol.websocket.RateLimiter;
import org.universalim.clientprotocol.websocket.WebSocketSettings;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One WebSocket connection of the Local IM protocol, and, once logged in, the device session it is. */
final class LocalConnection implements ClientSession {

    private static final Logger LOG = Logger.getLogger(LocalConnection.class.getName());

    private final String id = "local-" + UUID.randomUUID();
    private final Session socket;
    private final OutboundQueue outbound;
    private final RateLimiter rate;
    private final FrameAssembler assembler = new FrameAssembler(WebSocketSettings.MAX_FRAME);
    private volatile String userName;
    private volatile String device;
    private volatile boolean closing;
    /** Pushes waiting for the log-in's answer; null when they go at once. */
    private List<Delivery> held;
    private static final int MAX_HELD = 10_000;

    LocalConnection(Session socket, int outboundMax, RateLimiter rate) {
        this.socket = socket;
        this.rate = rate;
        this.outbound = new OutboundQueue(socket.getAsyncRemote(), outboundMax, failure -> close("write failed"));
    }

    void loggedIn(String user, String deviceName) {
        this.userName = user;
        this.device = deviceName;
    }

    boolean isLoggedIn() {
        return userName != null;
    }

    /** Where the client connects from (recorded at the WebSocket handshake). */
    ClientOrigin origin() {
        return socket.getUserProperties().get(ClientOrigin.PROPERTY) instanceof ClientOrigin o ? o : ClientOrigin.UNKNOWN;
    }

    FrameAssembler assembler() {
        return assembler;
    }

    boolean allowFrame() {
        return rate.tryAcquire(System.nanoTime());
    }

    /** Sends a reply or push; a full queue closes the connection (the client stopped reading). */
    void send(String frame) {
        if (!outbound.offer(frame) && !closing) {
            close("the client does not read its messages");
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public Protocol protocol() {
        return Protocol.LOCAL;
    }

    @Override
    public boolean deliver(Delivery delivery) {
        synchronized (this) {
            if (held != null) {
                if (closing || held.size() >= MAX_HELD) {
                    return false;
                }
                held.add(delivery);
                return true;
            }
        }
        return !closing && outbound.offer(LocalCodec.push(delivery));
    }

    /**
     * Pushes wait until {@link #release()}: the log-in's answer with the roster (read after the session is
     * registered) goes out first and whatever changed meanwhile after it, so the client shows the last state.
     */
    synchronized void hold() {
        held = new ArrayList<>();
    }

    synchronized void release() {
        List<Delivery> waiting = held;
        held = null;
        if (waiting != null) {
            for (Delivery d : waiting) {
                if (closing || !outbound.offer(LocalCodec.push(d))) {
                    break;
                }
            }
        }
    }

    @Override
    public boolean acknowledgesMessages() {
        return true;
    }

    @Override
    public void close(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        // what was queued before (the answer to "logout", a notice) goes out first; the socket is closed
        // off the write's completion thread
        Runnable closeNow = () -> close(CloseReason.CloseCodes.NORMAL_CLOSURE, reason);
        if (!outbound.afterQueued(() -> CompletableFuture.runAsync(closeNow))) {
            closeNow.run();
        }
    }

    void close(CloseReason.CloseCode code, String reason) {
        closing = true;
        outbound.close();
        try {
            if (socket.isOpen()) {
                socket.close(new CloseReason(code, truncate(reason)));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "close of " + id + " failed", e);
        }
    }

    /** A close reason is at most 123 bytes. */
    private static String truncate(String reason) {
        return reason == null ? "" : reason.length() > 100 ? reason.substring(0, 100) : reason;
    }
}
