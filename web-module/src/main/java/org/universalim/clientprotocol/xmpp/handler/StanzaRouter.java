package org.universalim.clientprotocol.xmpp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.clientprotocol.xmpp.messaging.IqRouting;
import org.universalim.clientprotocol.xmpp.s2s.RemoteIqs;
import org.universalim.clientprotocol.xmpp.s2s.ServerIqs;
import org.universalim.privacy.boundary.PrivacyGate;

/**
 * Where the stanzas of a bound resource go (RFC 6120 section 8): {@code <message/>} to the
 * {@link MessageHandler}, {@code <presence/>} to the {@link PresenceHandler}, and {@code <iq/>}, once checked,
 * to the {@link IqHandler} of its payload. Every IQ get or set gets an answer: one nobody handles, or one
 * addressed to another entity the handler does not answer for, gets {@code service-unavailable}. IQs to a
 * resource (a full JID), and their results and errors, go to that resource ({@link IqRouting}); a get or set to a remote
 * XMPP server, to one of its users' bare JIDs or resources goes there over s2s and waits for its answer ({@link RemoteIqs});
 * the answer to a remote XMPP server that asked the resource itself goes back to it over s2s ({@link ServerIqs}).
 */
@ApplicationScoped
public class StanzaRouter {

    @Inject
    IqHandlers iqs;

    @Inject
    MessageHandler messages;

    @Inject
    PresenceHandler presence;

    @Inject
    ServerRequests serverRequests;

    @Inject
    IqRouting iqRouting;

    @Inject
    PrivacyGate privacy;

    @Inject
    RemoteIqs remoteIqs;

    @Inject
    ServerIqs serverIqs;

    /** A stanza of a bound resource ({@code iq}, {@code message} or {@code presence}). */
    public void route(XmppSession session, XmlElement stanza) {
        switch (stanza.name()) {
            case "message" -> messages.handle(session, stanza);
            case "iq" -> iq(session, stanza);
            default -> presence.handle(session, stanza);
        }
    }

    void iq(XmppSession session, XmlElement iq) {
        String type = iq.attribute("type");
        Jid resource = iqRouting == null ? null : resource(iq);
        boolean answer = "result".equals(type) || "error".equals(type);
        boolean request = "get".equals(type) || "set".equals(type);
        if (resource != null && iq.attribute("id") != null && (request || answer && !resource.equals(session.jid()))) {
            if (privacy != null && privacy.blocks(session.userName(), resource.bare().toString())) {
                // XEP-0191 section 3.5: nothing goes to a contact the user blocks
                if (request) {
                    Replies.error(session, iq, StanzaError.notAcceptable("you block this contact")
                            .with(Xml.element("blocked", Namespaces.BLOCKING_ERRORS)));
                }
                return;
            }
            if (request && remoteIqs != null && remoteIqs.remote(session, resource)) {
                remoteIqs.send(session, iq, resource); // to a resource of a remote XMPP server's user
                return;
            }
            iqRouting.route(session, iq, resource);
            return;
        }
        if ("result".equals(type) || "error".equals(type)) {
            if (serverIqs != null && serverIqs.answersServer(session, iq, to(iq))) {
                return; // to a remote XMPP server that asked this resource itself (RFC 6120 10.5.4)
            }
            if (serverRequests != null) {
                serverRequests.answered(session, iq); // answers to what the server asked (the rest: to our roster pushes)
            }
            return;
        }
        if (iq.attribute("id") == null || !("get".equals(type) || "set".equals(type))) {
            Replies.error(session, iq, StanzaError.badRequest("an iq has an id and a type of get, set, result or error"));
            return;
        }
        XmlElement payload = payload(iq);
        if (payload == null) {
            Replies.error(session, iq, StanzaError.badRequest("an iq get or set has exactly one child element"));
            return;
        }
        Jid to;
        try {
            to = iq.attribute("to") == null ? null : Jid.parse(iq.attribute("to"));
        } catch (IllegalArgumentException e) {
            Replies.error(session, iq, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        if (to != null && remoteIqs != null && remoteIqs.remote(session, to)) {
            // to a remote XMPP server or one of its users' bare JIDs (RFC 6120 10.5.3): it answers, not we
            if (!to.isDomain() && privacy != null && privacy.blocks(session.userName(), to.bare().toString())) {
                Replies.error(session, iq, StanzaError.notAcceptable("you block this contact")
                        .with(Xml.element("blocked", Namespaces.BLOCKING_ERRORS)));
                return;
            }
            remoteIqs.send(session, iq, to);
            return;
        }
        IqHandler handler = iqs.find(payload.namespace(), payload.name());
        boolean server = to == null || to.isDomain() && to.domain().equals(session.domain()) || to.equals(session.jid().bare());
        if (handler == null || !server && !(handler.answersForAccounts() && to.isBare() && !to.isDomain())) {
            Replies.error(session, iq, StanzaError.serviceUnavailable(null));
            return;
        }
        if (!server && blockedBy(to, session)) {
            // a user who blocks the requester answers nothing, as if there were nobody (XEP-0191 section 3.5)
            Replies.error(session, iq, StanzaError.serviceUnavailable(null));
            return;
        }
        handler.handle(new IqRequest(session, iq, payload, to));
    }

    /** The full JID an IQ is addressed to, or {@code null} (none, a server, a bare JID, or malformed). */
    private static Jid resource(XmlElement iq) {
        try {
            Jid to = iq.attribute("to") == null ? null : Jid.parse(iq.attribute("to"));
            return IqRouting.addressedToResource(to) ? to : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The address an IQ is sent to, or {@code null} (none, or malformed). */
    private static Jid to(XmlElement iq) {
        try {
            return iq.attribute("to") == null ? null : Jid.parse(iq.attribute("to"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the user of this ISP an IQ is addressed to blocks the requester. */
    private boolean blockedBy(Jid to, XmppSession session) {
        return privacy != null && to.domain().equals(session.domain()) && to.local() != null
                && privacy.blocks(to.local(), session.jid().bare().toString());
    }

    /** The one child of an IQ, or {@code null}. */
    public static XmlElement payload(XmlElement iq) {
        return iq.children().size() == 1 ? iq.children().get(0) : null;
    }
}
