package org.universalim.clientprotocol.xmpp.s2s;

import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.profile.XmlCopy;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.handler.ClientExtensions;
import org.universalim.federation.boundary.XmppArrivals;
import org.universalim.routing.control.MessageExtensions;

import java.util.List;

/**
 * What a stanza of an authenticated remote server does here (RFC 6121), on the managed executor: a chat message goes
 * to the universal user it names (else {@code service-unavailable} back, RFC 6121 8.5.2.1.1); presence, subscriptions
 * and probes go to the presence and roster logic ({@link XmppArrivals}); an IQ get to our domain or to a user's bare
 * JID that our server answers itself is answered ({@link S2sAnswers}); the answer to an IQ one of our resources sent goes
 * to that resource ({@link RemoteIqs}); an IQ between a remote user's resource and one of our users' (or its answer) goes to
 * that resource as a peer's would ({@link XmppArrivals#iq}); else {@code service-unavailable}.
 */
final class S2sDispatch {

    static final String SERVER = "jabber:server";

    private final S2sServer server;
    private final XmppArrivals arrivals;
    private final RemoteIqs remoteIqs;
    private final S2sAnswers answers;

    S2sDispatch(S2sServer server, XmppArrivals arrivals, RemoteIqs remoteIqs) {
        this.server = server;
        this.arrivals = arrivals;
        this.remoteIqs = remoteIqs;
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
            }
            default -> iq(remote, s, to, type);
        }
    }

    private void iq(String remote, XmlElement s, Jid to, String type) {
        boolean request = "get".equals(type) || "set".equals(type);
        if (!request) {
            if (("result".equals(type) || "error".equals(type)) && !remoteIqs.answered(s) && toResource(s, to)) {
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
