package org.universalim.clientprotocol.xmpp.handler;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.SenderJids;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.platform.InvalidRequestException;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SendResult;
import org.universalim.routing.control.MessageExtensions;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The messages a client sends (RFC 6121 section 5): through the shared {@link MessageService}, where the
 * presence logic rules choose the recipient's device (R4) and offline storage keeps what no device can take
 * (XEP-0160). A full JID is routed like its bare JID; the {@link MessageExtension}s read their elements
 * (the universal format's {@code <im/>}); the other extension elements (chat states, receipts, markers, corrections,
 * reactions...) are carried as they are, bounded ({@link ClientExtensions}), and decide how the message is kept.
 * Messages with neither a body nor such an element are dropped. A message that cannot be delivered or stored comes back
 * as a stanza error; a client's own error message is routed too, but kept nowhere and never answered with an error.
 */
@ApplicationScoped
public class MessageHandler implements ServerFeatures {

    @Inject
    MessageService messages;

    @Inject
    SenderJids senders;

    @Inject
    Instance<MessageExtension> discovered;

    private List<MessageExtension> extensions = List.of();
    /** The elements they read, asked of each extension once. */
    private List<QName> elements = List.of();

    @PostConstruct
    void collect() {
        use(discovered.stream().toList());
    }

    private void use(List<MessageExtension> found) {
        extensions = List.copyOf(found);
        elements = extensions.stream().map(MessageExtension::element).toList();
    }

    /** This handler with these extensions (tests). */
    static MessageHandler with(MessageService messages, SenderJids senders, List<MessageExtension> extensions) {
        MessageHandler handler = new MessageHandler();
        handler.messages = messages;
        handler.senders = senders;
        handler.use(extensions);
        return handler;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.OFFLINE);
    }

    public void handle(XmppSession session, XmlElement m) {
        if ("error".equals(m.attribute("type"))) {
            routeError(session, m);
            return;
        }
        String body = m.childText("body", m.namespace());
        StanzaError[] tooLarge = new StanzaError[1];
        ClientExtensions carried = ClientExtensions.of(m, tooLarge);
        if (carried == null) {
            Replies.error(session, m, tooLarge[0]);
            return;
        }
        if ((body == null || body.isEmpty()) && !MessageExtensions.worthRouting(carried.names())) {
            return; // nothing for the recipient: no body, no chat state, receipt, marker or other extension
        }
        boolean hasBody = body != null && !body.isEmpty();
        Jid to;
        try {
            to = m.attribute("to") == null ? session.jid().bare() : Jid.parse(m.attribute("to"));
        } catch (IllegalArgumentException e) {
            Replies.error(session, m, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        if (to.isDomain()) {
            Replies.error(session, m, StanzaError.serviceUnavailable("the server takes no messages"));
            return;
        }
        // a full JID is routed like its bare JID: the presence logic rules pick the device (R4)
        OutgoingMessage message = new OutgoingMessage(to.bare().toString(), hasBody ? body : "");
        message.envelope(ClientExtensions.stanzaId(m), carried.xml(), carried.keeping(hasBody));
        for (int i = 0; i < extensions.size(); i++) {
            QName name = elements.get(i);
            XmlElement element = m.child(name.getLocalPart(), name.getNamespaceURI());
            StanzaError refused = element == null ? null : extensions.get(i).read(element, message);
            if (refused != null) {
                Replies.error(session, m, refused);
                return;
            }
        }
        senders.sentFrom(session.userName(), session.device());
        try {
            // XEP-0280 section 6 and XEP-0334: a message marked private or no-copy, or a headline, is not copied to other devices
            boolean copy = eligibleForCopies(m);
            CompletionStage<SendResult> sent = messages.send(session.userName(), session.device(), message.toRequest(), copy);
            // under stream management the client's message is acknowledged once it is durable (XEP-0198 "handled")
            session.handledWhen(sent);
            sent.whenComplete((result, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    Replies.error(session, m, cause instanceof RuntimeException r ? Replies.failure(r) : StanzaError.internal("not sent"));
                } else if (!result.ok()) {
                    Replies.error(session, m, refused(result));
                }
            });
        } catch (InvalidRequestException e) {
            Replies.error(session, m, StanzaError.notAcceptable(e.getMessage()));
        }
    }

    /**
     * A client's own error message (RFC 6120 8.3, RFC 6121 8.5: e.g. answering a message it cannot decrypt) to a full JID
     * goes to its addressee as any message does (the rules choose the device, R4; across ISPs to a peer that takes
     * extension elements; over s2s to that full JID), with its {@code <error/>}, its body and carried elements; one to a
     * bare JID is silently ignored (RFC 6121 8.5.2.1.1, 8.5.2.2). It is kept nowhere (no archive, no offline
     * storage: a recipient with no device now does not get it), copied to no other device (XEP-0280 section 6 copies an
     * error only when it answers a copied message, which we do not track), and never answered with an error (RFC 6120
     * 8.3.1): one that cannot go is dropped.
     */
    private void routeError(XmppSession session, XmlElement m) {
        ClientExtensions carried = ClientExtensions.ofError(m, m.namespace());
        if (carried == null) {
            return;
        }
        Jid to;
        try {
            to = m.attribute("to") == null ? session.jid().bare() : Jid.parse(m.attribute("to"));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (to.isDomain() || to.isBare()) {
            return; // RFC 6121 8.5.2.1.1 and 8.5.2.2: an error message to a bare JID is silently ignored
        }
        String body = m.childText("body", m.namespace());
        OutgoingMessage message = new OutgoingMessage(to.bare().toString(), body == null ? "" : body);
        message.envelope(ClientExtensions.stanzaId(m), carried.xml(), carried.keeping(false));
        message.toResource(to.resource());
        try {
            session.handledWhen(messages.send(session.userName(), session.device(), message.toRequest(), false));
        } catch (InvalidRequestException e) {
            // dropped: no error for an error
        }
    }

    /**
     * XEP-0280 section 6: a message of type chat, or normal (with a body or IM payloads such as chat states, receipts,
     * markers: a body-less message reaches here only with such), is copied; a headline or groupchat message is not,
     * nor one marked {@code <private/>} (XEP-0280) or {@code <no-copy/>} (XEP-0334).
     */
    static boolean eligibleForCopies(XmlElement m) {
        String type = m.attribute("type");
        return !"headline".equals(type) && !"groupchat".equals(type)
                && m.child("private", Namespaces.CARBONS) == null && m.child("no-copy", Namespaces.HINTS) == null;
    }

    /** The stanza error for a message the routing core refused. */
    static StanzaError refused(SendResult result) {
        return switch (result.code() == null ? "" : result.code()) {
            case "unknown_recipient" -> StanzaError.itemNotFound(result.reason());
            case "remote_unreachable" -> new StanzaError("cancel", "remote-server-not-found", result.reason());
            case "offline_storage_full" -> new StanzaError("wait", "resource-constraint", result.reason());
            // XEP-0191 section 3.5: the sender blocks the recipient
            case "blocked" -> StanzaError.notAcceptable(result.reason()).with(Xml.element("blocked", Namespaces.BLOCKING_ERRORS));
            // the recipient takes nothing from strangers (or keeps nothing offline for them)
            case "not_accepted", "not_stored" -> StanzaError.serviceUnavailable(result.reason());
            default -> new StanzaError("cancel", "undefined-condition", result.reason());
        };
    }
}
