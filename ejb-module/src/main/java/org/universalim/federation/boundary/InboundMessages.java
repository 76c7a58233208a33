package org.universalim.federation.boundary;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.control.MessageExtensionsXml;
import org.universalim.routing.control.MessageExtensions;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.MessageBatchResponse;
import org.universalim.federation.wire.ReceiptBatch;
import org.universalim.platform.IspSettings;
import org.universalim.presence.control.Applications;
import org.universalim.registration.entity.Subscriber;
import org.universalim.routing.boundary.ArrivalOrder;
import org.universalim.routing.boundary.ForeignBatches;
import org.universalim.routing.boundary.ForeignMessagesArrived;
import org.universalim.routing.boundary.MessageAdmission;
import org.universalim.routing.boundary.MessageService;
import org.universalim.privacy.control.Admission;
import org.universalim.address.UserId;
import org.universalim.routing.boundary.ReceiptStatus;
import org.universalim.routing.boundary.Receipts;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Messages from users of other ISPs (FIG. 6 steps 620-650 at the recipient's ISP) and the receipts of
 * messages our users sent there: each message of a batch is accepted (stored, handed to routing once
 * committed), a duplicate, or rejected with its reason.
 */
@Stateless
public class InboundMessages {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    InboundAddresses addresses;

    @Inject
    Instance<ArrivalOrder> arrivals;

    @Inject
    Instance<Receipts> receipts;

    @Inject
    Instance<ForeignBatches> foreignBatches;

    @Inject
    Instance<MessageAdmission> admissions;

    @Inject
    IspSettings isp;

    @Inject
    Event<ForeignMessagesArrived> arrived;

    @Inject
    FederationSettings settings;

    @Inject
    Clock clock;

    public MessageBatchResponse messages(Peer peer, MessageBatch r) {
        java.util.Map<MessageBatch.Message, UserId> senders = new java.util.IdentityHashMap<>();
        for (MessageBatch.Message m : r.messages) {
            senders.put(m, addresses.own(peer, m.from, "sender"));
        }
        // one batch of a peer at a time: a retry the peer sends while its first call is still being written waits for
        // it, and the batches are handed on in the order they were committed
        foreignBatches.get().admit(peer.domain());
        MessageBatchResponse answer = new MessageBatchResponse();
        answer.transactionId = r.transactionId;
        List<ImMessage> accepted = new ArrayList<>();
        ArrivalOrder order = arrivals.get();
        // older than the replay window: its transaction may be forgotten, so it could be a replay (never re-applied)
        Instant oldest = clock.instant().minus(settings.replayWindow());
        for (MessageBatch.Message m : r.messages) {
            if (em.find(ImMessage.class, m.id) != null || accepted.stream().anyMatch(a -> a.id().equals(m.id))) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "duplicate", null, null));
                continue;
            }
            if (m.sentAt.isBefore(oldest)) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "expired",
                        "sent at " + m.sentAt + ", before this ISP's replay window of " + settings.replayWindow().toSeconds() + " s"));
                continue;
            }
            Optional<Subscriber> recipient = addresses.ours(m.to);
            if (recipient.isEmpty()) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "unknown_recipient",
                        "there is no universal user " + m.to));
                continue;
            }
            String application;
            try {
                application = Applications.normalize(m.application);
            } catch (IllegalArgumentException e) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "invalid", e.getMessage()));
                continue;
            }
            // the extensions, checked again here (bounds, namespaces), decide how the message is kept
            MessageExtensionsXml.Read extensions;
            try {
                extensions = m.extensions == null ? new MessageExtensionsXml.Read(null, List.of())
                        : MessageExtensionsXml.fromWire(m.extensions);
            } catch (ForeignXml.Refused refused) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "invalid",
                        "the message's extensions: " + refused.getMessage()));
                continue;
            }
            String body = m.body == null ? "" : m.body;
            if (body.isEmpty() && !MessageExtensions.worthRouting(extensions.names())) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "invalid", "a message without a body "
                        + "carries a chat state, a receipt, a marker or another extension element"));
                continue;
            }
            String user = recipient.get().userName();
            // privacy at our boundary: a blocked sender's message is taken and dropped (their ISP is not told of
            // the block); a stranger the recipient refuses is rejected
            Admission admission = admissions.get().fromOtherIsp(user, senders.get(m));
            if (admission == Admission.BLOCKED) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "accepted", null, null));
                continue;
            }
            if (admission == Admission.REFUSED) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", MessageAdmission.NOT_ACCEPTED,
                        m.to + " takes messages only from their contacts"));
                continue;
            }
            ImMessage message = new ImMessage(m.id, order.next(), senders.get(m), null, isp.localAddress(user),
                    user, application, m.securityLevel, body, MessageService.XML, m.sentAt).acceptedBy(isp.nodeName())
                    .withEnvelope(extensions.xml(), m.stanzaId, shortEnough(m.fromResource),
                            MessageExtensions.keeping(!body.isEmpty(), extensions.names()));
            em.persist(message);
            accepted.add(message);
            answer.results.add(new MessageBatchResponse.Result(m.id, "accepted", null, null));
        }
        if (!accepted.isEmpty()) {
            arrived.fire(new ForeignMessagesArrived(peer.domain(), accepted));
        }
        return answer;
    }

    /** A resource name we keep (a longer one is not shown). */
    private static String shortEnough(String resource) {
        return resource == null || resource.length() > ImMessage.MAX_SENDER_DEVICE ? null : resource;
    }

    public Ack receipts(Peer peer, ReceiptBatch r) {
        java.util.Map<ReceiptBatch.Receipt, UserId> named = new java.util.IdentityHashMap<>();
        for (ReceiptBatch.Receipt receipt : r.receipts) {
            named.put(receipt, addresses.own(peer, receipt.recipient, "recipient"));
        }
        int applied = 0;
        for (ReceiptBatch.Receipt receipt : r.receipts) {
            ImMessage m = em.find(ImMessage.class, receipt.messageId);
            if (m == null || m.senderUser() == null || !sameRecipient(m, named.get(receipt))
                    || receipt.status == null || receipt.status.isBlank()) {
                continue; // not ours, or saying nothing (the contract's token may be empty)
            }
            // written with this transaction: the peer drops the receipt from its outbox only once we have it for good
            receipts.get().foreignReceipt(m, receipt.recipient, ReceiptStatus.of(receipt.status), receipt.device, receipt.reason);
            applied++;
        }
        return new Ack(r.transactionId, applied);
    }

    /**
     * Whether a receipt names the message's recipient: the address we sent it to, or the same user at the peer's
     * other domain (a peer of an older version named the recipient of a message acknowledged late by its local
     * address).
     */
    private boolean sameRecipient(ImMessage m, UserId named) {
        return m.recipient().equals(named)
                || m.recipient().toUniversal(isp.marker()).equals(named.toUniversal(isp.marker()));
    }
}
