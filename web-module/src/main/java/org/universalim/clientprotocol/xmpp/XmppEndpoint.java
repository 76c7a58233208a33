package org.universalim.clientprotocol.xmpp;

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
 * The Universal IM server's client endpoint: XMPP over WebSocket (RFC 7395) at {@code /xmpp-websocket},
 * subprotocol {@code xmpp}, one stanza per frame (docs/xmpp.md). No thread of the container waits here on a
 * client: answers are written after the frame is handled, sockets are closed by the {@link SocketCloser}, and
 * the log-in deadline and idle time-out are the {@link ConnectionWatch}'s (docs/security.md).
 */
@Dependent
@ServerEndpoint(value = "/xmpp-websocket", subprotocols = "xmpp", configurator = OriginCheck.class)
public class XmppEndpoint {

    /**
     * Largest frame the container reads; frames above {@link StanzaReader#MAX_STANZA_BYTES} get a
     * {@code policy-violation} stream error, frames above this one a WebSocket close 1009.
     */
    public static final int MAX_FRAME = 4 * StanzaReader.MAX_STANZA_BYTES;

    private static final Logger LOG = Logger.getLogger(XmppEndpoint.class.getName());
    private static final String CONNECTION = "universalim.xmpp.connection";
    private static final String ASSEMBLER = "universalim.xmpp.assembler";

    @Inject
    XmppProtocol protocol;

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
    private WebSocketTransport connection;
    private Watched watched;

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        Object refused = session.getUserProperties().get(OriginCheck.REFUSED_ORIGIN);
        // the deadlines are the watch's: the container's idle close waits on the executor (see ConnectionWatch)
        session.setMaxIdleTimeout(0);
        session.getAsyncRemote().setSendTimeout(settings.sendTimeoutMillis());
        WebSocketTransport conn = new WebSocketTransport(session, settings.outboundMax(), protocol::connect);
        conn.shapedBy(shapers.shaper(text -> handle(conn, text), conn::overflowed));
        connection = conn;
        session.getUserProperties().put(CONNECTION, conn);
        session.getUserProperties().put(ASSEMBLER, new FrameAssembler(MAX_FRAME));
        watched = watch.open(OriginCheck.clientAddress(session), why -> expired(conn, why));
        conn.attach(closer, watched);
        if (watched == null) {
            conn.closeSocket(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many connections not logged in");
        } else if (refused != null) {
            conn.closeSocket(CloseReason.CloseCodes.VIOLATED_POLICY, "origin not allowed");
        }
    }

    private void expired(WebSocketTransport connection, Watched.Expiry why) {
        String text = why == Watched.Expiry.LOGIN_DEADLINE
                ? "not logged in within " + settings.loginDeadlineSeconds() + " s"
                : "idle for " + settings.idleTimeoutMillis() / 1000 + " s";
        connection.expired(new XmppStreamException(XmppStreamException.Condition.CONNECTION_TIMEOUT, text));
    }

    @OnMessage
    public void message(Session session, String part, boolean last) {
        // the container does not enforce maxMessageSize: bound the frame while it arrives
        FrameAssembler assembler = (FrameAssembler) session.getUserProperties().get(ASSEMBLER);
        String text;
        try {
            text = assembler.append(part, last);
        } catch (FrameAssembler.TooBig e) {
            connection(session).closeSocket(CloseReason.CloseCodes.TOO_BIG, e.getMessage());
            return;
        }
        if (text != null) {
            connection(session).frame(text);
        }
    }

    /** One frame, at the connection's rate (now on the container's thread, or later on the scheduler's). */
    private void handle(WebSocketTransport connection, String text) {
        connection.holdWrites();
        try {
            connection.received(text);
        } finally {
            connection.releaseWrites(executor);
        }
    }

    @OnClose
    public synchronized void close(Session session, CloseReason reason) {
        // the container may report a close twice (the client's close frame, then ours): clean up once
        watch.closed(watched);
        watched = null;
        WebSocketTransport conn = connection;
        connection = null;
        if (conn != null) {
            conn.closed();
            // off the read thread, a few at a time: a burst of clients leaving must not take every thread
            closer.cleanUp(conn::disconnected);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "xmpp connection error", failure);
    }

    private static WebSocketTransport connection(Session session) {
        return (WebSocketTransport) session.getUserProperties().get(CONNECTION);
    }
}
