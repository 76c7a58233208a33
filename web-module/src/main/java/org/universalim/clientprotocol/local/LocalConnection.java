package org.universalim.clientprotocol.local;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.universalim.clientprotocol.websocket.FrameAssembler;
import org.universalim.clientprotocol.websocket.FrameShaper;
import org.universalim.clientprotocol.websocket.OutboundQueue;
import org.universalim.clientprotocol.websocket.SocketCloser;
import org.universalim.clientprotocol.websocket.WebSocketSettings;
import org.universalim.clientprotocol.connection.Watched;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/** One WebSocket connection of the Local IM protocol, and, once logged in, the device session it is. */
final class LocalConnection implements ClientSession {

    private final String id = "local-" + UUID.randomUUID();
    private final Session socket;
    private final OutboundQueue outbound;
    private volatile FrameShaper shaper;
    private final FrameAssembler assembler = new FrameAssembler(WebSocketSettings.MAX_FRAME);
    private volatile String userName;
    private volatile String device;
    private final SocketCloser closer;
    private volatile Watched watched;
    private volatile boolean closing;
    private volatile boolean copies;
    /** Pushes waiting for the log-in's answer; null when they go at once. */
    private List<Delivery> held;
    private static final int MAX_HELD = 10_000;

    /**
     * @param closer closes the socket off the caller's thread (a close on the container can wait; see
     *               {@link SocketCloser})
     */
    LocalConnection(Session socket, int outboundMax, SocketCloser closer) {
        this.socket = socket;
        this.closer = closer;
        this.outbound = new OutboundQueue(socket.getAsyncRemote(), outboundMax,
                failure -> close(CloseReason.CloseCodes.GOING_AWAY, "write failed"));
    }

    /** Reports log-in and activity to {@code watch}. */
    void watchedBy(Watched watch) {
        this.watched = watch;
        outbound.onActivity(() -> watch.active(System.nanoTime()));
    }

    void loggedIn(String user, String deviceName) {
        this.userName = user;
        this.device = deviceName;
        Watched w = watched;
        if (w != null) {
            w.authenticated();
        }
    }

    /** A client frame is being handled: what it produces is written once it is handled (see {@link OutboundQueue}). */
    void holdWrites() {
        outbound.hold();
        Watched w = watched;
        if (w != null) {
            w.active(System.nanoTime());
        }
    }

    void releaseWrites(Executor executor) {
        outbound.release(executor);
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

    /** Frames go through {@code frames}: at the connection's rate, in order (docs/security.md). */
    void shapedBy(FrameShaper frames) {
        this.shaper = frames;
    }

    /** A whole frame from the client: handled now, or once the connection's rate allows it. */
    void received(String frame) {
        shaper.received(frame);
    }

    /** Sends a reply or push; a full queue closes the connection at once (the client stopped reading). */
    void send(String frame) {
        if (!outbound.offer(frame) && !closing) {
            close(CloseReason.CloseCodes.VIOLATED_POLICY, "the client does not read its messages");
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
        if (delivery instanceof Delivery.PersonalEvent || delivery instanceof Delivery.Stanza) {
            return true; // personal events (XEP-0163) and IQs are XMPP's: the Local protocol has none
        }
        if (delivery instanceof Delivery.Copy c && (!copies || c.device().equals(device))) {
            return true; // copies only for a client that asked (carbons.set), never of its own messages
        }
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

    /** Whether this device is sent copies of what the user sent and received on other devices ({@code carbons.set}). */
    void copies(boolean on) {
        this.copies = on;
    }

    /**
     * Pushes wait until {@link #releasePushes()}: the log-in's answer with the roster (read after the session is
     * registered) goes out first and whatever changed meanwhile after it, so the client shows the last state.
     */
    synchronized void holdPushes() {
        held = new ArrayList<>();
    }

    synchronized void releasePushes() {
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
        closeAfterQueued(CloseReason.CloseCodes.NORMAL_CLOSURE, reason);
    }

    /** 1012 (RFC 6455 section 7.4.1, "service restart"): the client connects and logs on again. */
    @Override
    public void closeToReconnect(String reason) {
        closeAfterQueued(CloseReason.CloseCodes.SERVICE_RESTART, reason);
    }

    /** Closes once what was queued before (the answer to "logout", a notice) is written. */
    void closeAfterQueued(CloseReason.CloseCode code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        if (!outbound.afterQueued(() -> close(code, reason))) {
            close(code, reason);
        }
    }

    /** Closes at once, dropping what is queued; the socket is closed soon, on another thread. */
    void close(CloseReason.CloseCode code, String reason) {
        closing = true;
        endFrames();
        outbound.close();
        closer.close(socket, code, reason);
    }

    /** The WebSocket is closed (by the client, or the network): nothing more is written. */
    void closed() {
        closing = true;
        endFrames();
        outbound.close();
    }

    /** Frames still waiting for the rate are not handled. */
    private void endFrames() {
        FrameShaper s = shaper;
        if (s != null) {
            s.end();
        }
    }
}
