package org.universalim.routing.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceContext;
import org.universalim.routing.boundary.FederationPort;
import org.universalim.routing.boundary.ReceiptStatus;
import org.universalim.routing.entity.ImMessage;
import org.universalim.routing.entity.StreamPosition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The database side of the message journal: each call is one transaction over a batch of operations. */
@Stateless
public class MessageStore {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    /** An operation of the journal, applied in order within a batch. */
    public sealed interface Operation {
        /** A new message. */
        record Insert(ImMessage message) implements Operation {
        }

        /**
         * A message changes status. {@code message} is the object the change is about when the caller holds it (a
         * change of a resend that found its first send is dropped); {@code receipt}, when the sender is a user of
         * another ISP, is queued for that ISP in the same transaction.
         */
        record Mark(String messageId, ImMessage.Status status, String device, Instant at, ImMessage message,
                    FederationPort.Receipt receipt) implements Operation {

            public Mark(String messageId, ImMessage.Status status, String device, Instant at) {
                this(messageId, status, device, at, null, null);
            }
        }

        /**
         * A message for another ISP: {@code handOver} queues it for the peer (in the same transaction) and
         * says whether it was taken; only then is the message stored.
         */
        record Forward(ImMessage message, Predicate<ImMessage> handOver) implements Operation {
        }

        /**
         * A device of {@code user} acknowledged these messages without the acknowledgement being matched in memory
         * (it came late, or with the device's next log-in): those still waiting for a device (accepted or stored) and
         * addressed to the user become delivered; they are added to {@code found}, so their senders can be told. A
         * sender of another ISP is told in the same transaction, with the recipient as {@code shownRecipient} shows it
         * (the address that ISP sent the message to, not our local one).
         */
        record Acknowledged(String user, String device, List<String> ids, Instant at, List<ImMessage> found,
                            java.util.function.Function<ImMessage, String> shownRecipient) implements Operation {
        }

        /**
         * A message is about to be written to a resumable XMPP stream at this position (XEP-0198): where it stood
         * before, if anywhere, is replaced.
         */
        record Given(StreamPosition position) implements Operation {
        }

        /** The positions of these messages in a stream are forgotten; {@code messageIds} null: all of the stream's. */
        record Forget(String streamId, List<String> messageIds) implements Operation {
        }
    }

    @Inject
    Instance<FederationPort> federation;

    /**
     * Applies a batch in one transaction. A status change of a message inserted in the same batch is made
     * on the new row before it is written; the other changes become a few bulk updates (one per status and
     * device), not a read and a write per message. The last change of a message in a batch wins, as it
     * would applied one by one. A message given a client id that is there already (a resend meeting its first
     * send) is not written again: its operation is returned as a duplicate, as are the changes of such a resend.
     * The receipts the changes carry for other ISPs are queued with them.
     *
     * @return the operations not applied because their message was there already
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<Operation> apply(List<Operation> batch) {
        Set<Operation> duplicates = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> existing = existing(batch);
        Map<String, ImMessage> inserted = new HashMap<>();
        Map<String, Operation.Mark> marks = new LinkedHashMap<>();
        List<String> forgotten = new ArrayList<>();
        List<FederationPort.Receipt> receipts = new ArrayList<>();
        boolean forwards = false;
        StreamPositionChanges positions = null;
        for (Operation op : batch) {
            if (op instanceof Operation.Insert insert) {
                if (!isNew(insert.message(), existing, inserted)) {
                    duplicates.add(op);
                    continue;
                }
                em.persist(insert.message());
                inserted.put(insert.message().id(), insert.message());
            } else if (op instanceof Operation.Forward forward) {
                forwards = true;
                if (!isNew(forward.message(), existing, inserted)) {
                    duplicates.add(op);
                    continue;
                }
                if (forward.handOver().test(forward.message()) && !ImMessage.forgottenOnceDone(forward.message())) {
                    // a chat state handed to a peer is done with here: no row (nothing waits for it, nothing reads it)
                    em.persist(forward.message());
                    inserted.put(forward.message().id(), forward.message());
                }
            } else if (op instanceof Operation.Mark mark) {
                if (mark.message() != null && mark.message().isDuplicate()) {
                    duplicates.add(op);
                    continue;
                }
                if (mark.receipt() != null) {
                    receipts.add(mark.receipt());
                }
                if (mark.message() != null && isFinal(mark.status()) && ImMessage.forgottenOnceDone(mark.message())) {
                    // delivered or dropped, a message kept nowhere (a chat state) leaves no row behind
                    ImMessage fresh = inserted.remove(mark.messageId());
                    if (fresh != null) {
                        em.remove(fresh);
                    } else {
                        marks.remove(mark.messageId());
                        forgotten.add(mark.messageId());
                    }
                    continue;
                }
                ImMessage fresh = inserted.get(mark.messageId());
                if (fresh != null) {
                    apply(fresh, mark);
                } else {
                    Operation.Mark earlier = marks.remove(mark.messageId());
                    // as ImMessage.stored(): a delivered message stays delivered
                    marks.put(mark.messageId(), earlier != null && earlier.status() == ImMessage.Status.DELIVERED
                            && mark.status() == ImMessage.Status.STORED ? earlier : mark);
                }
            } else if (op instanceof Operation.Acknowledged ack) {
                acknowledged(ack, inserted, receipts);
            } else {
                if (positions == null) {
                    positions = new StreamPositionChanges();
                }
                positions.add(op);
            }
        }
        if (positions != null) {
            positions.apply(em);
        }
        if (!marks.isEmpty()) {
            bulkMarks(marks);
        }
        for (int from = 0; from < forgotten.size(); from += MAX_IDS) {
            em.createQuery("DELETE FROM ImMessage m WHERE m.id IN :ids AND m.keeping = :transient")
                    .setParameter("ids", InLists.padded(forgotten.subList(from, Math.min(forgotten.size(), from + MAX_IDS))))
                    .setParameter("transient", ImMessage.Keeping.TRANSIENT).setHint(KEEP_CONTEXT, NO_INVALIDATION)
                    .executeUpdate();
        }
        if (forwards) {
            federation.get().queued(); // the messages handed over, written to the peers' outboxes a few to a request
        }
        if (!receipts.isEmpty()) {
            federation.get().receipts(receipts);
        }
        return duplicates;
    }

    /** The ids, among the messages with a client id this batch inserts, that are in the database already: one read. */
    private Set<String> existing(List<Operation> batch) {
        List<String> ids = new ArrayList<>();
        for (Operation op : batch) {
            ImMessage m = op instanceof Operation.Insert i ? i.message() : op instanceof Operation.Forward f ? f.message() : null;
            if (m != null && m.clientId() != null) {
                ids.add(m.id());
            }
        }
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS) {
            found.addAll(em.createQuery("SELECT m.id FROM ImMessage m WHERE m.id IN :ids", String.class)
                    .setParameter("ids", InLists.padded(ids.subList(from, Math.min(ids.size(), from + MAX_IDS))))
                    .getResultList());
        }
        return found;
    }

    private static boolean isNew(ImMessage m, Set<String> existing, Map<String, ImMessage> inserted) {
        if (existing.contains(m.id()) || inserted.containsKey(m.id())) {
            m.foundDuplicate();
            return false;
        }
        return true;
    }

    private void acknowledged(Operation.Acknowledged ack, Map<String, ImMessage> inserted, List<FederationPort.Receipt> receipts) {
        List<ImMessage> candidates = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String id : ack.ids()) {
            ImMessage fresh = inserted.get(id);
            if (fresh != null) {
                candidates.add(fresh);
            } else {
                rest.add(id);
            }
        }
        for (int from = 0; from < rest.size(); from += MAX_IDS) {
            candidates.addAll(em.createQuery("SELECT m FROM ImMessage m WHERE m.id IN :ids", ImMessage.class)
                    .setParameter("ids", InLists.padded(rest.subList(from, Math.min(rest.size(), from + MAX_IDS))))
                    .getResultList());
        }
        for (ImMessage m : candidates) {
            if (ack.user().equals(m.recipientUser())
                    && (m.status() == ImMessage.Status.ACCEPTED || m.status() == ImMessage.Status.STORED)) {
                m.delivered(ack.device(), ack.at());
                ack.found().add(m);
                if (m.senderUser() == null) {
                    receipts.add(new FederationPort.Receipt(m.id(), m.sender(), ack.shownRecipient().apply(m), ReceiptStatus.DELIVERED,
                            ack.device(), null));
                }
            }
        }
    }

    private void bulkMarks(Map<String, Operation.Mark> marks) {
        record Group(ImMessage.Status status, String device) {
        }
        Map<Group, List<Operation.Mark>> groups = new LinkedHashMap<>();
        for (Operation.Mark mark : marks.values()) {
            groups.computeIfAbsent(new Group(mark.status(), mark.device()), g -> new ArrayList<>()).add(mark);
        }
        groups.forEach((group, members) -> {
            for (int from = 0; from < members.size(); from += MAX_IDS) {
                List<Operation.Mark> part = members.subList(from, Math.min(members.size(), from + MAX_IDS));
                bulkMark(group.status(), group.device(), part);
            }
        });
    }

    /**
     * The hint that keeps EclipseLink from invalidating, after a bulk update, every message this transaction holds:
     * it tests each of them against the update's IN list (a JFR profile of the closed loop put 18 % of the journal
     * thread there, growing with the batch's size times the list's). Nothing here reads a bulk-updated message
     * again in the same transaction, and messages are not in the shared cache (persistence.xml: selective).
     */
    private static final String KEEP_CONTEXT = "eclipselink.cache-usage";
    private static final String NO_INVALIDATION = "DoNotCheckCache";

    /** Largest IN list of one bulk update. */
    private static final int MAX_IDS = 512;

    private void bulkMark(ImMessage.Status status, String device, List<Operation.Mark> marks) {
        List<String> ids = InLists.padded(marks.stream().map(Operation.Mark::messageId).toList());
        // the group's members were marked within one batch, milliseconds apart: the latest time stands for all
        Instant at = marks.stream().map(Operation.Mark::at).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        switch (status) {
            case DELIVERED -> em.createQuery("UPDATE ImMessage m SET m.status = :status, m.deliveredDevice = :device, "
                            + "m.deliveredAt = :at WHERE m.id IN :ids")
                    .setParameter("status", status).setParameter("device", device).setParameter("at", at)
                    .setParameter("ids", ids).setHint(KEEP_CONTEXT, NO_INVALIDATION).executeUpdate();
            case STORED -> em.createQuery("UPDATE ImMessage m SET m.status = :status WHERE m.id IN :ids "
                            + "AND m.status <> :delivered")
                    .setParameter("status", status).setParameter("delivered", ImMessage.Status.DELIVERED)
                    .setParameter("ids", ids).setHint(KEEP_CONTEXT, NO_INVALIDATION).executeUpdate();
            case FORWARDED -> em.createQuery("UPDATE ImMessage m SET m.status = :status, m.deliveredAt = :at "
                            + "WHERE m.id IN :ids")
                    .setParameter("status", status).setParameter("at", at).setParameter("ids", ids)
                    .setHint(KEEP_CONTEXT, NO_INVALIDATION).executeUpdate();
            case FAILED -> em.createQuery("UPDATE ImMessage m SET m.status = :status WHERE m.id IN :ids")
                    .setParameter("status", status).setParameter("ids", ids).setHint(KEEP_CONTEXT, NO_INVALIDATION)
                    .executeUpdate();
            default -> { }
        }
    }

    private static boolean isFinal(ImMessage.Status status) {
        return status == ImMessage.Status.DELIVERED || status == ImMessage.Status.FAILED;
    }

    private static void apply(ImMessage m, Operation.Mark mark) {
        switch (mark.status()) {
            case DELIVERED -> m.delivered(mark.device(), mark.at());
            case STORED -> m.stored();
            case FORWARDED -> m.forwarded(mark.at());
            case FAILED -> m.failed();
            default -> { }
        }
    }

    /** Messages that arrived from another ISP, stored with the request that brought them. */
    public void insertAll(List<ImMessage> messages) {
        messages.forEach(em::persist);
    }

    public List<ImMessage> storedFor(String user, int max) {
        return em.createNamedQuery(ImMessage.STORED_FOR, ImMessage.class).setParameter("user", user)
                .setParameter("stored", ImMessage.Status.STORED).setMaxResults(max).getResultList();
    }

    public long countStored(String user) {
        return em.createNamedQuery(ImMessage.COUNT_STORED_FOR, Long.class).setParameter("user", user)
                .setParameter("stored", ImMessage.Status.STORED).getSingleResult();
    }

    public List<ImMessage> conversation(String conversation, Instant before, int limit) {
        return em.createNamedQuery(ImMessage.CONVERSATION_BEFORE, ImMessage.class).setParameter("conversation", conversation)
                .setParameter("before", before).setMaxResults(limit).getResultList();
    }

    public ImMessage find(String id) {
        return em.find(ImMessage.class, id);
    }

    /** The messages of these ids that exist (one read). */
    public List<ImMessage> findAll(List<String> ids) {
        return ids.isEmpty() ? List.of() : em.createQuery("SELECT m FROM ImMessage m WHERE m.id IN :ids", ImMessage.class)
                .setParameter("ids", InLists.padded(ids)).getResultList();
    }

    /** The positions of a user's messages in a stream (XEP-0198), as written before the messages were. */
    public List<StreamPosition> positions(String streamId, String user) {
        return em.createQuery("SELECT p FROM StreamPosition p WHERE p.streamId = :stream AND p.userName = :user",
                StreamPosition.class).setParameter("stream", streamId).setParameter("user", user).getResultList();
    }

    /** Forgets the stream positions written before {@code before} (their sessions are over); how many. */
    public int purgePositions(Instant before) {
        return em.createQuery("DELETE FROM StreamPosition p WHERE p.givenAt < :before").setParameter("before", before)
                .executeUpdate();
    }

    public long maxSequence() {
        Long max = em.createQuery("SELECT MAX(m.sequence) FROM ImMessage m", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }
}
