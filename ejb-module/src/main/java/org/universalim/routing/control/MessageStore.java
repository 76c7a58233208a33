package org.universalim.routing.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.routing.entity.ImMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

        /** A message changes status. */
        record Mark(String messageId, ImMessage.Status status, String device, Instant at) implements Operation {
        }

        /**
         * A message for another ISP: {@code handOver} queues it for the peer (in the same transaction) and
         * says whether it was taken; only then is the message stored.
         */
        record Forward(ImMessage message, Predicate<ImMessage> handOver) implements Operation {
        }
    }

    /**
     * Applies a batch in one transaction. A status change of a message inserted in the same batch is made
     * on the new row before it is written; the other changes become a few bulk updates (one per status and
     * device), not a read and a write per message. The last change of a message in a batch wins, as it
     * would applied one by one.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void apply(List<Operation> batch) {
        Map<String, ImMessage> inserted = new HashMap<>();
        Map<String, Operation.Mark> marks = new LinkedHashMap<>();
        for (Operation op : batch) {
            if (op instanceof Operation.Insert insert) {
                em.persist(insert.message());
                inserted.put(insert.message().id(), insert.message());
            } else if (op instanceof Operation.Forward forward) {
                if (forward.handOver().test(forward.message())) {
                    em.persist(forward.message());
                    inserted.put(forward.message().id(), forward.message());
                }
            } else if (op instanceof Operation.Mark mark) {
                ImMessage fresh = inserted.get(mark.messageId());
                if (fresh != null) {
                    apply(fresh, mark);
                } else {
                    Operation.Mark earlier = marks.remove(mark.messageId());
                    // as ImMessage.stored(): a delivered message stays delivered
                    marks.put(mark.messageId(), earlier != null && earlier.status() == ImMessage.Status.DELIVERED
                            && mark.status() == ImMessage.Status.STORED ? earlier : mark);
                }
            }
        }
        if (marks.isEmpty()) {
            return;
        }
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

    /** Largest IN list of one bulk update. */
    private static final int MAX_IDS = 500;

    private void bulkMark(ImMessage.Status status, String device, List<Operation.Mark> marks) {
        List<String> ids = marks.stream().map(Operation.Mark::messageId).toList();
        // the group's members were marked within one batch, milliseconds apart: the latest time stands for all
        Instant at = marks.stream().map(Operation.Mark::at).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        switch (status) {
            case DELIVERED -> em.createQuery("UPDATE ImMessage m SET m.status = :status, m.deliveredDevice = :device, "
                            + "m.deliveredAt = :at WHERE m.id IN :ids")
                    .setParameter("status", status).setParameter("device", device).setParameter("at", at)
                    .setParameter("ids", ids).executeUpdate();
            case STORED -> em.createQuery("UPDATE ImMessage m SET m.status = :status WHERE m.id IN :ids "
                            + "AND m.status <> :delivered")
                    .setParameter("status", status).setParameter("delivered", ImMessage.Status.DELIVERED)
                    .setParameter("ids", ids).executeUpdate();
            case FORWARDED -> em.createQuery("UPDATE ImMessage m SET m.status = :status, m.deliveredAt = :at "
                            + "WHERE m.id IN :ids")
                    .setParameter("status", status).setParameter("at", at).setParameter("ids", ids).executeUpdate();
            case FAILED -> em.createQuery("UPDATE ImMessage m SET m.status = :status WHERE m.id IN :ids")
                    .setParameter("status", status).setParameter("ids", ids).executeUpdate();
            default -> { }
        }
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

    public long maxSequence() {
        Long max = em.createQuery("SELECT MAX(m.sequence) FROM ImMessage m", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }
}
