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
import org.universalim.clientprotocol.websocket.FrameAssembler;
import org.universalim.clientprotocol.websocket.OriginCheck;
import org.universalim.clientprotocol.websocket.WebSocketSettings;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The Local IM server's client endpoint: JSON over WebSocket at {@code /ws/local} (docs/local-protocol.md). */
@Dependent
@ServerEndpoint(value = "/ws/local", configurator = OriginCheck.class)
public class LocalEndpoint {

    private static final Logger LOG = Logger.getLogger(LocalEndpoint.class.getName());
    private static final String CONNECTION = "universalim.local.connection";

    @Inject
    LocalProtocol protocol;

    @Inject
    WebSocketSettings settings;

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        Object refused = session.getUserProperties().get(OriginCheck.REFUSED_ORIGIN);
        LocalConnection connection = new LocalConnection(session, settings.outboundMax(), settings.newRateLimiter());
        session.getUserProperties().put(CONNECTION, connection);
        if (refused != null) {
            connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "origin not allowed");
            return;
        }
        session.setMaxIdleTimeout(settings.idleTimeoutMillis());
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
            protocol.handle(connection, text);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        LocalConnection connection = connection(session);
        if (connection != null) {
            connection.close("closed");
            protocol.closed(connection);
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
