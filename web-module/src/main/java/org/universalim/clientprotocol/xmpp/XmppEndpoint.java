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
import org.universalim.clientprotocol.websocket.FrameAssembler;
import org.universalim.clientprotocol.websocket.OriginCheck;
import org.universalim.clientprotocol.websocket.WebSocketSettings;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Universal IM server's client endpoint: XMPP over WebSocket (RFC 7395) at {@code /xmpp-websocket},
 * subprotocol {@code xmpp}, one stanza per frame (docs/xmpp.md).
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

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        Object refused = session.getUserProperties().get(OriginCheck.REFUSED_ORIGIN);
        WebSocketTransport connection = new WebSocketTransport(session, settings.outboundMax(), protocol::connect);
        session.getUserProperties().put(CONNECTION, connection);
        session.getUserProperties().put(ASSEMBLER, new FrameAssembler(MAX_FRAME));
        if (refused != null) {
            connection.closeSocket(CloseReason.CloseCodes.VIOLATED_POLICY, "origin not allowed");
            return;
        }
        session.setMaxIdleTimeout(settings.idleTimeoutMillis());
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
            connection(session).received(text);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        WebSocketTransport connection = connection(session);
        if (connection != null) {
            connection.closeSocket(CloseReason.CloseCodes.NORMAL_CLOSURE, "closed");
            connection.disconnected();
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
