package org.universalim.clientprotocol.xmpp.s2s;

import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.profile.EntityCapsExtension;
import org.universalim.clientprotocol.xmpp.profile.XmlCopy;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.handler.ClientExtensions;
import org.universalim.federation.boundary.XmppArrivals;
import org.universalim.federation.control.XmppStanzas;
import org.universalim.routing.control.MessageExtensions;

import java.util.List;

/**
 * What a stanza of an authenticated remote server does here (RFC 6121), on the managed executor: a chat message goes
 * to the universal user it names (else {@code service-unavailable} back, RFC 6121 8.5.2.1.1), a personal event
 * notification (XEP-0163) of a remote user to the devices of that user that asked for its node; presence, subscriptions
 * and probes go to the presence and roster logic ({@link XmppArrivals}); an IQ get to our domain or to a user's bare
 * JID that our server answers itself is answered ({@link S2sAnswers}); the answer to an IQ one of our resources sent goes
 * to that resource ({@link RemoteIqs}); an IQ between a remote user's resource and one of our users' (or its answer) goes to
 * that resource as a peer's would ({@link XmppArrivals#iq}); one from the remote server's own domain to a resource of ours
 * goes to that resource ({@link ServerIqs}); else {@code service-unavailable}.
 */
final class S2sDispatch {

    static final String SERVER = "jabber:server";
    /** Personal events taken from one notification. */
    static final int EVENTS_MAX = 20;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(S2sDispatch.class.getName());

    private final S2sServer server;
    private final XmppArrivals arrivals;
    private final RemoteIqs remoteIqs;
    private final S2sAnswers answers;
    private final RemoteInterests interests;
    private final ServerIqs serverIqs;

    S2sDispatch(S2sServer server, XmppArrivals arrivals, RemoteIqs remoteIqs, RemoteInterests interests, ServerIqs serverIqs) {
        this.server = server;
        this.serverIqs = serverIqs;
        this.arrivals = arrivals;
        this.remoteIqs = remoteIqs;
        this.interests = interests;
        this.answers = new S2sAnswers(server, arrivals);
    }

    /** Dispatches a stanza; a conflict with a concurrent change of the same rows (optimistic lock) is tried again. */
    void dispatch(String remote, XmlElement s, Jid from, Jid to) {
        for (int attempt = 1; ; attempt++) {
            try {
                handle(remote, s, from, to);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3 || !concurrentChange(e)) {
                    throw e;
                }
            }
        }
    }

    static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private void handle(String remote, XmlElement s, Jid from, Jid to) {
        String type = s.attribute("type");
        switch (s.name()) {
            case "message" -> {
                if (to.isDomain() || from.isDomain()) {
                    return;
                }
                if ("error".equals(type)) {
                    // a remote user's own error message (RFC 6121 8.5): routed as any, never answered with an error
                    // (to a full JID: one to a bare JID is silently ignored, RFC 6121 8.5.2.1.1)
                    ClientExtensions error = to.isBare() ? null : ClientExtensions.ofError(s, SERVER);
                    if (error != null) {
                        arrivals.message(remote, from.bare().toString(), from.resource(), to.bare().toString(),
                                s.childText("body", SERVER), error.xml(), ClientExtensions.stanzaId(s));
                    }
                    return;
                }
                String body = s.childText("body", SERVER);
                XmlElement event = s.child("event", XmppStanzas.PUBSUB_EVENT);
                if (event != null && from.isBare() && (body == null || body.isEmpty())) {
                    events(remote, from, to, event); // a personal event notification (XEP-0163 section 4.3)
                    return;
                }
                StanzaError[] tooLarge = new StanzaError[1];
                ClientExtensions carried = ClientExtensions.of(s, tooLarge);
                if (carried == null) {
                    server.refuse(s, remote, tooLarge[0].type(), tooLarge[0].condition(), tooLarge[0].text());
                    return;
                }
                if ((body == null || body.isEmpty()) && !MessageExtensions.worthRouting(carried.names())) {
                    return; // nothing for the recipient
                }
                String refused = arrivals.message(remote, from.bare().toString(), from.resource(), to.bare().toString(), body,
                        carried.xml(), ClientExtensions.stanzaId(s));
                if (refused != null) {
                    server.refuse(s, remote, "cancel", "service-unavailable", null);
                }
            }
            case "presence" -> {
                if (from.isDomain() || to.isDomain() || "error".equals(type)) {
                    return;
                }
                arrivals.presence(remote, from.bare().toString(), from.resource(), to.bare().toString(), type,
                        s.childText("show", SERVER), s.childText("status", SERVER));
                if (type == null || "unavailable".equals(type)) {
                    // which of our users' personal event nodes the resource wants to be told of (XEP-0163 4.4), learned
                    // from the presence of a contact our user is subscribed to, as Prosody's mod_pep does
                    if (type != null || arrivals.watches(to.bare().toString(), from.bare().toString())) {
                        interests.presence(remote, from, to, type, s.child("c", EntityCapsExtension.NAMESPACE), server);
                    }
                }
            }
            default -> iq(remote, s, to, type);
        }
    }

    /**
     * The notifications of a remote user's personal event node (XEP-0060 section 7.1.2, 7.2.2, 8.4, 8.5): each item
     * published or retracted, a purge, a deletion, given to the user of ours it is for (at most {@value #EVENTS_MAX} of a
     * stanza; one that does not read as an event is dropped).
     */
    private void events(String remote, Jid from, Jid to, XmlElement event) {
        String publisher = from.bare().toString();
        String recipient = to.bare().toString();
        int told = 0;
        for (XmlElement child : event.children()) {
            String node = child.attribute("node");
            if (node == null || !XmppStanzas.PUBSUB_EVENT.equals(child.namespace())) {
                continue;
            }
            switch (child.name()) {
                case "items" -> {
                    for (XmlElement i : child.children()) {
                        if (told++ >= EVENTS_MAX) {
                            return;
                        }
                        if ("item".equals(i.name())) {
                            String payload = i.children().isEmpty() ? null : XmlCopy.of(i.children().get(0));
                            boolean t = arrivals.pepEvent(remote, publisher, recipient, node, "item", i.attribute("id"), payload);
                            LOG.log(java.util.logging.Level.FINE, "s2s: item {0} of {1} on {2} for {3}: told {4}",
                                    new Object[]{i.attribute("id"), publisher, node, recipient, t});
                        } else if ("retract".equals(i.name())) {
                            arrivals.pepEvent(remote, publisher, recipient, node, "retract", i.attribute("id"), null);
                        }
                    }
                }
                case "purge", "delete" -> {
                    if (told++ >= EVENTS_MAX) {
                        return;
                    }
                    arrivals.pepEvent(remote, publisher, recipient, node, child.name(), null, null);
                }
                default -> {
                    // configuration, subscription notices: nothing for our users
                }
            }
        }
    }

    private void iq(String remote, XmlElement s, Jid to, String type) {
        boolean request = "get".equals(type) || "set".equals(type);
        if (!request) {
            if (("result".equals(type) || "error".equals(type)) && !interests.answered(s) && !remoteIqs.answered(s)
                    && toResource(s, to)) {
                arrivals.iq(remote, s.attribute("from"), s.attribute("to"), type, s.attribute("id"), children(s));
            }
            return;
        }
        if (answers.answer(remote, s, from(s), to)) {
            return; // answered by our server, for itself or on a user's behalf
        }
        if (toResource(s, to) && arrivals.iq(remote, s.attribute("from"), s.attribute("to"), type, s.attribute("id"), children(s))) {
            return; // given to the resource, or answered service-unavailable through the outbox
        }
        if (from(s).isDomain() && serverIqs != null && serverIqs.toResource(remote, s, to)) {
            return; // from the remote server itself to a resource of ours (RFC 6120 10.5.4): given to it
        }
        server.refuse(s, remote, "cancel", "service-unavailable", null);
    }

    /** Whether an IQ goes from a remote user's resource to one of our users' (RFC 6121 8.5.3), with an id. */
    private static boolean toResource(XmlElement s, Jid to) {
        if (to.isDomain() || to.isBare() || s.attribute("id") == null) {
            return false;
        }
        Jid from = from(s);
        return !from.isDomain() && !from.isBare();
    }

    private static List<String> children(XmlElement s) {
        return s.children().stream().map(XmlCopy::of).toList();
    }

    private static Jid from(XmlElement s) {
        return Jid.parse(s.attribute("from"));
    }

    /** The error answer to a stanza (RFC 6120 8.3), or {@code null} for a stanza that is an error itself. */
    static String error(XmlElement s, String type, String condition, String text) {
        if ("error".equals(s.attribute("type")) || "result".equals(s.attribute("type"))) {
            return null;
        }
        Xml error = Xml.element("error").attr("type", type).child(Xml.element(condition, Namespaces.STANZA_ERRORS));
        if (text != null) {
            error.child(Xml.element("text", Namespaces.STANZA_ERRORS).attr("xml:lang", "en").text(text));
        }
        return Xml.element(s.name(), SERVER).attr("type", "error").attr("id", s.attribute("id"))
                .attr("from", s.attribute("to")).attr("to", s.attribute("from")).child(error).toString();
    }
}
