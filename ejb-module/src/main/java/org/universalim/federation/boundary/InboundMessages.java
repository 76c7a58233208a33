package org.universalim.federation.boundary;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.ejb.EJB;
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
import org.universalim.routing.boundary.ArrivalOrder;
import org.universalim.routing.boundary.ForeignBatches;
import org.universalim.routing.boundary.ForeignMessagesArrived;
import org.universalim.routing.boundary.MessageAdmission;
import org.universalim.routing.boundary.MessageService;
import org.universalim.privacy.control.Admission;
import org.universalim.address.UserId;
import org.universalim.routing.boundary.ReceiptStatus;
import org.universalim.routing.boundary.Receipts;
import org.universalim.routing.control.InLists;
import org.universalim.routing.control.MessageStore;
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

    @EJB
    MessageStore store;

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
        // what the batch needs is read before anything is written (a query after a write would flush it, one row at a time:
        // 17 % of a receiving ISP's time in the profile of 2026-12-06): the ids already taken in one query, the recipients
        // from memory
        java.util.Set<String> taken = taken(r.messages.stream().map(m -> m.id).toList());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MessageBatch.Message m : r.messages) {
            if (taken.contains(m.id) || !seen.add(m.id)) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "duplicate", null, null));
                continue;
            }
            if (m.sentAt.isBefore(oldest)) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "expired",
                        "sent at " + m.sentAt + ", before this ISP's replay window of " + settings.replayWindow().toSeconds() + " s"));
                continue;
            }
            Optional<String> recipient = addresses.recipient(m.to);
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
            String user = recipient.get();
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

    /** Ids a query may name at once (padded to a power of two: a few statements for any batch size). */
    static final int IDS_PER_QUERY = 256;

    /** Which of these message ids are taken already (a message stored before: a duplicate). */
    private java.util.Set<String> taken(List<String> ids) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            taken.addAll(em.createQuery("SELECT m.id FROM ImMessage m WHERE m.id IN :ids", String.class)
                    .setParameter("ids", InLists.padded(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))))
                    .getResultList());
        }
        return taken;
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
        // the messages in one query (not one read each), managed by this transaction (the store joins it)
        java.util.Map<String, ImMessage> messages = new java.util.HashMap<>();
        store.findAll(r.receipts.stream().map(receipt -> receipt.messageId).filter(java.util.Objects::nonNull).distinct()
                .toList()).forEach(m -> messages.put(m.id(), m));
        for (ReceiptBatch.Receipt receipt : r.receipts) {
            ImMessage m = messages.get(receipt.messageId);
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
