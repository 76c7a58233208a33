package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.control.XmppStanzas;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.entity.RemoteWatch;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.IqForward;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.MessageBatchResponse;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PayloadInfo;
import org.universalim.federation.wire.PepEventBatch;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.SubscriptionAnswerMessage;
import org.universalim.federation.wire.SubscriptionRequestMessage;
import org.universalim.federation.wire.UnsubscribeRequest;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.PresenceAuthorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox of an XMPP server ({@link org.universalim.federation.entity.Peer#xmppServer}) drained over s2s: each item
 * becomes the stanzas RFC 6121 has for it (a message, a subscription's presence, a user's presence for each watcher of
 * that domain who may see it, an IQ between full JIDs or its answer, an event on a user's personal event node for
 * the resources that asked for it). What XMPP has no stanza for (tracking, announcements, receipts of ours) is done
 * without sending anything. The answer is the one a Universal IM peer would give, so the rest of the outbox is the same.
 */
@Stateless
public class XmppRelay {

    private static final String CLIENT = "jabber:client";

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    XmppServers xmpp;

    @Inject
    InboundAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    public Object send(String domain, Operation op, List<OutboxItem> group) throws PeerFailure {
        List<String> stanzas = new ArrayList<>();
        Object answer;
        try {
            answer = translate(domain, op, group, stanzas);
        } catch (WireCodec.Refused e) {
            throw new IllegalStateException("an outbox item does not read back", e);
        }
        if (!stanzas.isEmpty()) {
            xmpp.send(domain, stanzas);
        }
        return answer;
    }

    private Object translate(String domain, Operation op, List<OutboxItem> group, List<String> out) throws WireCodec.Refused {
        String tx = group.get(0).transactionId();
        switch (op) {
            case MESSAGES -> {
                MessageBatchResponse answer = new MessageBatchResponse();
                answer.transactionId = tx;
                for (OutboxItem item : group) {
                    for (MessageBatch.Message m : WireCodec.read(item.payload(), MessageBatch.class).messages) {
                        // the extension elements pass as they are; the client's own id is the stanza's, its resource the sender's
                        out.add(XmppStanzas.message(m.stanzaId != null ? m.stanzaId : m.id, m.from, m.fromResource,
                                m.toResource == null ? m.to : m.to + "/" + m.toResource, m.body,
                                m.extensions == null ? List.of() : m.extensions.elements));
                        answer.results.add(new MessageBatchResponse.Result(m.id, "accepted", null, null));
                    }
                }
                return answer;
            }
            case SUBSCRIPTION_REQUEST -> {
                SubscriptionRequestMessage r = WireCodec.read(group.get(0).payload(), SubscriptionRequestMessage.class);
                out.add(XmppStanzas.subscription("subscribe", r.requester, r.contact, r.message));
            }
            case SUBSCRIPTION_ANSWER -> {
                SubscriptionAnswerMessage r = WireCodec.read(group.get(0).payload(), SubscriptionAnswerMessage.class);
                out.add(XmppStanzas.subscription(r.approved ? "subscribed" : "unsubscribed", r.contact, r.requester, null));
            }
            case UNSUBSCRIBE -> {
                UnsubscribeRequest r = WireCodec.read(group.get(0).payload(), UnsubscribeRequest.class);
                out.add(XmppStanzas.subscription("unsubscribe", r.requester, r.contact, null));
            }
            case PRESENCE -> {
                for (PresenceInfo p : WireCodec.read(group.get(0).payload(), PresenceUpdate.class).presences) {
                    presence(domain, p, out);
                }
            }
            case PEP_EVENTS -> {
                for (OutboxItem item : group) {
                    for (PepEventBatch.Event e : WireCodec.read(item.payload(), PepEventBatch.class).events) {
                        pepEvent(e, out);
                    }
                }
            }
            case IQ -> {
                for (OutboxItem item : group) {
                    out.add(iq(WireCodec.read(item.payload(), IqForward.class)));
                }
            }
            default -> {
                // tracking, announcements, receipts, status: XMPP has no stanza for them
            }
        }
        return new Ack(tx, 1);
    }

    /**
     * An event on a node of one of our users (XEP-0163 section 4.3) for each resource of each recipient whose entity
     * capabilities ask for the node ({@code +notify}), as a headline message from the user's bare JID. Whether the
     * recipient may see the user's presence was decided when the event was queued; it is checked again here.
     */
    private void pepEvent(PepEventBatch.Event e, List<String> out) {
        Optional<Subscriber> publisher = addresses.ours(e.publisher);
        if (publisher.isEmpty()) {
            return;
        }
        org.w3c.dom.Element payload = e.payload == null ? null : e.payload.element;
        for (PepEventBatch.Recipient r : e.recipients) {
            UserId watcher;
            try {
                watcher = UserId.parse(r.address);
            } catch (InvalidAddressException invalid) {
                continue; // queued by this server for a watcher it knew: cannot happen but for a change of rules meanwhile
            }
            if (!authorization.letsSee(publisher.get().userName(), watcher)) {
                continue;
            }
            for (String resource : xmpp.interested(r.address, e.node)) {
                out.add(XmppStanzas.pepEvent(java.util.UUID.randomUUID().toString(), e.publisher, resource, e.node, e.kind,
                        e.itemId, payload));
            }
        }
    }

    /** An IQ between full JIDs (or its answer) as the remote server reads it. */
    private static String iq(IqForward iq) {
        List<String> children = new ArrayList<>();
        for (PayloadInfo p : iq.payloads) {
            if (p.element == null) {
                continue;
            }
            try {
                children.add(ForeignXml.text(ForeignXml.moved(p.element, CLIENT, XmppStanzas.SERVER),
                        InboundIqs.PAYLOAD_MAX_BYTES, InboundIqs.PAYLOAD_MAX_DEPTH));
            } catch (ForeignXml.Refused e) {
                throw new IllegalStateException("a child of an outbox iq does not read back", e);
            }
        }
        return XmppStanzas.iq(iq.type, iq.id, iq.from + "/" + iq.fromResource, iq.to + "/" + iq.toResource, children);
    }

    /** A user's presence for each watcher of this domain who may see it. */
    private void presence(String domain, PresenceInfo p, List<String> out) {
        Optional<Subscriber> user = addresses.ours(p.user);
        if (user.isEmpty()) {
            return;
        }
        String name = user.get().userName();
        for (RemoteWatch w : em.createNamedQuery(RemoteWatch.OF_USER, RemoteWatch.class).setParameter("user", name).getResultList()) {
            if (domain.equals(w.peer()) && authorization.letsSee(name, w.watcherAddress())) {
                out.add(XmppStanzas.presence(p.user, w.watcher(), p.available, p.aggregate, p.statusText));
            }
        }
    }
}
