package org.universalim.clientprotocol.xmpp;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.websocket.SocketCloser;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.clientprotocol.xmpp.handler.DirectedPresence;
import org.universalim.clientprotocol.xmpp.handler.StanzaRouter;
import org.universalim.clientprotocol.xmpp.s2s.RemoteIqs;
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
 * Each connection's rate is its transport's (it reads the client more slowly); a stream error ends the stream, a fault in a stanza is answered with a stanza
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
    RemoteIqs remoteIqs;

    @Inject
    SocketCloser closer;

    @Inject
    Logger log;

    /** A new client connection over {@code transport}; what the transport reads goes to the returned inbound. */
    public XmppInbound connect(XmppTransport transport) {
        // the write's completion (or the client's acknowledgement) acknowledges at once: the acknowledgement only
        // queues a status change (no container service is needed, so no hand-off to the executor per message)
        XmppConnection conn = new XmppConnection(transport, isp.universalDomain(), this::acknowledge,
                senders::of, announced::of);
        Inbound inbound = new Inbound(conn, transport);
        // the end of a session is database work: off the caller's thread (a read thread, a timer), a few at a time
        conn.attach(inbound::carry, ended -> closer.cleanUp(() -> ended(ended)));
        conn.answersBy(remoteIqs::answeredElsewhere);
        return inbound;
    }

    private void acknowledge(ClientSession conn, String messageId) {
        try {
            messages.acknowledge(conn, messageId);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "acknowledgement of " + messageId + " failed", e);
        }
    }

    /**
     * What a transport reads on one connection, into the protocol: to the connection's session, or to the session it
     * resumed (XEP-0198). What a transport reads after its session moved on to another transport is dropped.
     */
    private final class Inbound implements XmppInbound {

        private final XmppTransport transport;
        private volatile XmppConnection conn;

        Inbound(XmppConnection conn, XmppTransport transport) {
            this.conn = conn;
            this.transport = transport;
        }

        /** This transport carries {@code session} from now on (it was resumed here). */
        void carry(XmppConnection session) {
            this.conn = session;
        }

        /** The session, if this transport still carries it. */
        private XmppConnection current() {
            XmppConnection c = conn;
            return c.transport() == transport ? c : null;
        }

        @Override
        public void streamOpened(StreamHeader header) {
            XmppConnection conn = current();
            if (conn == null) {
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
            XmppConnection conn = current();
            if (conn != null) {
                conn.closedByClient();
            }
        }

        @Override
        public void element(XmlElement element) {
            XmppConnection conn = current();
            if (conn == null) {
                return;
            }
            try {
                if (conn.stage() == StreamStage.BOUND && element.isStanza()) {
                    synchronized (conn.inboundLock()) {
                        if (current() != conn) {
                            return; // the session was resumed on another link meanwhile: the client sends it again there
                        }
                        try {
                            router.route(conn, element);
                        } finally {
                            // XEP-0198: handled (answered, refused or dropped), counted once taken
                            conn.streamManagement().stanzaReceived();
                        }
                    }
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
            XmppConnection conn = current();
            if (conn != null) {
                streamError(conn, error);
            }
        }

        @Override
        public void disconnected() {
            XmppConnection conn = current();
            if (conn == null) {
                return; // the session went on over another transport
            }
            // checked again under the session's lock: a resumption may move it onto another transport meanwhile
            if (conn.streamManagement().endsWithout(transport)) {
                conn.end();
            } else {
                log.fine(() -> "xmpp: " + conn.id() + " lost its link");
            }
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

    /**
     * The session is over (its connection is gone and it waits for no resumption): the device logs off (R3) and what
     * was in flight to it, not acknowledged, goes elsewhere (R4).
     */
    private void ended(XmppConnection conn) {
        if (conn.jid() == null) {
            return;
        }
        boolean current = sessions.unregister(conn);
        // what it had not acknowledged goes on first (to the next device, or storage); then its row in the node table
        // goes: a device that logged on again on another node waits for that row (the resumption refused there, and
        // the resource bound anew), so it is offered what this session held before anything newer, as a Local
        // session's does. Ending the row first let newer messages overtake those on the new node.
        messages.sessionClosed(conn, () -> {
            try {
                lifecycle.closed(conn);
                if (current) {
                    directed.ended(conn);
                }
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "clean-up of " + conn.id() + " failed", e);
            }
        });
    }
}
