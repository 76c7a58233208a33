package org.universalim.clientprotocol.xmpp;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.websocket.WebSocketSettings;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.clientprotocol.xmpp.handler.DirectedPresence;
import org.universalim.clientprotocol.xmpp.handler.StanzaRouter;
import org.universalim.clientprotocol.xmpp.stream.StreamNegotiation;
import org.universalim.clientprotocol.xmpp.stream.StreamOpening;
import org.universalim.platform.IspSettings;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SessionLifecycle;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The universal client protocol: XMPP (RFC 6120, RFC 6121) on the shared routing core, so an XMPP client and
 * a Local-protocol client of one user are two devices of one user (R10). The XMPP domain is the ISP's
 * universal domain; only universal users log in. See docs/xmpp.md.
 *
 * <p>Where what a client sends goes: a transport ({@link WebSocketTransport}) reads it and hands it over
 * through the {@link XmppInbound} of its connection; the stream header goes to {@link StreamOpening}, the
 * stanzas of a bound resource to the {@link StanzaRouter}, anything else to the {@link StreamNegotiation}.
 * Each connection has a rate; a stream error ends the stream, a fault in a stanza is answered with a stanza
 * error, any other fault ends the stream with an incident id found in the log.
 */
@ApplicationScoped
public class XmppProtocol {

    @Inject
    StreamOpening opening;

    @Inject
    StreamNegotiation negotiation;

    @Inject
    StanzaRouter router;

    @Inject
    DirectedPresence directed;

    @Inject
    SenderJids senders;

    @Inject
    AnnouncedElements announced;

    @Inject
    MessageService messages;

    @Inject
    SessionRegistry sessions;

    @EJB
    SessionLifecycle lifecycle;

    @Inject
    IspSettings isp;

    @Inject
    WebSocketSettings settings;

    @Inject
    Logger log;

    /** A new client connection over {@code transport}; what the transport reads goes to the returned inbound. */
    public XmppInbound connect(XmppTransport transport) {
        // the write's completion acknowledges at once: the acknowledgement only queues a status change
        // (no container service is needed, so no hand-off to the executor per message)
        return new Inbound(new XmppConnection(transport, isp.universalDomain(), settings.newRateLimiter(), this::acknowledge,
                senders::of, announced::of));
    }

    private void acknowledge(ClientSession conn, String messageId) {
        try {
            messages.acknowledge(conn, messageId);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "acknowledgement of " + messageId + " failed", e);
        }
    }

    /** What a transport reads on one connection, into the protocol. */
    private final class Inbound implements XmppInbound {

        private final XmppConnection conn;

        Inbound(XmppConnection conn) {
            this.conn = conn;
        }

        @Override
        public void streamOpened(StreamHeader header) {
            if (!conn.allowFrame()) {
                return;
            }
            try {
                opening.open(conn, header);
            } catch (XmppStreamException e) {
                streamError(conn, e);
            } catch (RuntimeException e) {
                fault(conn, null, e);
            }
        }

        @Override
        public void streamClosed() {
            if (conn.allowFrame()) {
                conn.transport().closeStream("stream closed");
            }
        }

        @Override
        public void element(XmlElement element) {
            if (!conn.allowFrame()) {
                rateLimited(conn, element);
                return;
            }
            try {
                if (conn.stage() == StreamStage.BOUND && element.isStanza()) {
                    router.route(conn, element);
                } else {
                    negotiation.element(conn, element);
                }
            } catch (XmppStreamException e) {
                streamError(conn, e);
            } catch (RuntimeException e) {
                fault(conn, element, e);
            }
        }

        @Override
        public void failed(XmppStreamException error) {
            streamError(conn, error);
        }

        @Override
        public void disconnected() {
            closed(conn);
        }
    }

    private void rateLimited(XmppConnection conn, XmlElement element) {
        if (element.isStanza() && conn.stage() == StreamStage.BOUND && !"error".equals(element.attribute("type"))
                && !"result".equals(element.attribute("type")) && !element.name().equals("presence")) {
            Replies.error(conn, element, new StanzaError("wait", "policy-violation", "too many stanzas: slow down"));
        }
    }

    private void streamError(XmppConnection conn, XmppStreamException e) {
        log.fine(() -> "xmpp: stream error " + e.condition().element() + " on " + conn.id() + ": " + e.getMessage());
        conn.closeStream(e);
    }

    /** A fault: a stanza gets a stanza error, anything else ends the stream with an incident id. */
    private void fault(XmppConnection conn, XmlElement element, RuntimeException e) {
        if (element != null && element.isStanza() && conn.stage() == StreamStage.BOUND) {
            Replies.error(conn, element, Replies.failure(e));
        } else {
            String incident = UUID.randomUUID().toString();
            log.log(Level.SEVERE, "xmpp: failure on " + conn.id() + ", incident " + incident, e);
            conn.closeStream(new XmppStreamException(Condition.INTERNAL_SERVER_ERROR, "incident " + incident));
        }
    }

    /** The connection is gone: the device logs off (R3) and what was in flight to it goes elsewhere (R4). */
    private void closed(XmppConnection conn) {
        if (conn.jid() == null) {
            return;
        }
        boolean current = sessions.unregister(conn);
        try {
            messages.sessionClosed(conn);
            lifecycle.closed(conn);
            if (current) {
                directed.ended(conn);
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "clean-up of " + conn.id() + " failed", e);
        }
    }
}
