package org.universalim.clientprotocol.local;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.universalim.clientprotocol.connection.ConnectionWatch;
import org.universalim.clientprotocol.websocket.FrameAssembler;
import org.universalim.clientprotocol.websocket.FrameShapers;
import org.universalim.clientprotocol.websocket.OriginCheck;
import org.universalim.clientprotocol.websocket.SocketCloser;
import org.universalim.clientprotocol.websocket.WebSocketSettings;
import org.universalim.clientprotocol.websocket.WriteExecutor;
import org.universalim.clientprotocol.connection.Watched;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Local IM server's client endpoint: JSON over WebSocket at {@code /ws/local} (docs/local-protocol.md). No
 * thread of the container waits here on a client: answers are written after the frame is handled, sockets are
 * closed by the {@link SocketCloser}, and the log-in deadline and idle time-out are the {@link ConnectionWatch}'s
 * (docs/security.md).
 */
@Dependent
@ServerEndpoint(value = "/ws/local", configurator = OriginCheck.class)
public class LocalEndpoint {

    private static final Logger LOG = Logger.getLogger(LocalEndpoint.class.getName());
    private static final String CONNECTION = "universalim.local.connection";

    @Inject
    LocalProtocol protocol;

    @Inject
    WebSocketSettings settings;

    @Inject
    SocketCloser closer;

    @Inject
    ConnectionWatch watch;

    @Inject
    WriteExecutor executor;

    @Inject
    FrameShapers shapers;

    /** This instance's connection (one endpoint instance per connection); the session's properties are gone by the time
     *  some closes reach {@link #close}. */
    private LocalConnection connection;
    private Watched watched;

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        Object refused = session.getUserProperties().get(OriginCheck.REFUSED_ORIGIN);
        // the deadlines are the watch's: the container's idle close waits on the executor (see ConnectionWatch)
        session.setMaxIdleTimeout(0);
        session.getAsyncRemote().setSendTimeout(settings.sendTimeoutMillis());
        LocalConnection conn = new LocalConnection(session, settings.outboundMax(), closer);
        conn.shapedBy(shapers.shaper(text -> handle(conn, text), () -> conn.close(CloseReason.CloseCodes.VIOLATED_POLICY,
                "too many frames waiting: slow down")));
        connection = conn;
        session.getUserProperties().put(CONNECTION, conn);
        watched = watch.open(OriginCheck.clientAddress(session), why -> expired(conn, why));
        if (watched == null) {
            conn.close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many connections not logged in");
            return;
        }
        conn.watchedBy(watched);
        if (refused != null) {
            connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "origin not allowed");
        }
    }

    private void expired(LocalConnection connection, Watched.Expiry why) {
        if (why == Watched.Expiry.LOGIN_DEADLINE) {
            connection.close(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "not logged in within " + settings.loginDeadlineSeconds() + " s");
        } else {
            connection.close(CloseReason.CloseCodes.GOING_AWAY, "idle for " + settings.idleTimeoutMillis() / 1000 + " s");
        }
    }

    @OnMessage
    public void message(Session session, String part, boolean last) {
        LocalConnection connection = connection(session);
        String text;
        try {
            text = connection.assembler().append(part, last);
        } catch (FrameAssembler.TooBig e) {
            connection.close(CloseReason.CloseCodes.TOO_BIG, e.getMessage());
            return;
        }
        if (text != null) {
            connection.received(text);
        }
    }

    /** One frame, at the connection's rate (now on the container's thread, or later on the scheduler's). */
    private void handle(LocalConnection connection, String text) {
        connection.holdWrites();
        try {
            protocol.handle(connection, text);
        } finally {
            connection.releaseWrites(executor);
        }
    }

    @OnClose
    public synchronized void close(Session session, CloseReason reason) {
        // the container may report a close twice (the client's close frame, then ours): clean up once
        watch.closed(watched);
        watched = null;
        LocalConnection conn = connection;
        connection = null;
        if (conn != null) {
            conn.closed();
            // off the read thread, a few at a time: a burst of clients leaving must not take every thread
            closer.cleanUp(() -> protocol.closed(conn));
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "local protocol connection error", failure);
    }

    private static LocalConnection connection(Session session) {
        return (LocalConnection) session.getUserProperties().get(CONNECTION);
    }
}
