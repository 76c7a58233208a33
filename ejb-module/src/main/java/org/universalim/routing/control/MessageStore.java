package org.universalim.routing.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.routing.entity.ImMessage;

import java.time.Instant;
import java.util.List;

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
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void apply(List<Operation> batch) {
        for (Operation op : batch) {
            if (op instanceof Operation.Insert insert) {
                em.persist(insert.message());
            } else if (op instanceof Operation.Mark mark) {
                ImMessage m = em.find(ImMessage.class, mark.messageId());
                if (m == null) {
                    continue;
                }
                switch (mark.status()) {
                    case DELIVERED -> m.delivered(mark.device(), mark.at());
                    case STORED -> m.stored();
                    case FORWARDED -> m.forwarded(mark.at());
                    case FAILED -> m.failed();
                    default -> { }
                }
            }
        }
    }

    /**
     * Stores a message for another ISP and hands it over in one transaction: the hand-over queues it in
     * the peer's outbox; when it refuses, nothing is stored.
     */
    public <T> T forward(ImMessage message, java.util.function.Function<ImMessage, T> handOver, java.util.function.Predicate<T> accepted) {
        T outcome = handOver.apply(message);
        if (accepted.test(outcome)) {
            em.persist(message);
        }
        return outcome;
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
