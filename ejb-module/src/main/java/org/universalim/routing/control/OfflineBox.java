package org.universalim.routing.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.routing.entity.ImMessage;

import java.time.Instant;
import java.util.List;

/**
 * The database side of users' offline boxes beyond storing and delivering (which {@link MessageStore} does): a
 * sender's share of a box, messages that waited too long, purging a box. Each call is one transaction.
 */
@Stateless
public class OfflineBox {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    /** Messages from {@code sender} (an address as stored) waiting for the local user. */
    public long countFrom(String user, UserId sender) {
        return em.createQuery("SELECT COUNT(m) FROM ImMessage m WHERE m.recipientUser = :user AND m.status = :stored "
                        + "AND m.sender = :sender", Long.class)
                .setParameter("user", user).setParameter("stored", ImMessage.Status.STORED).setParameter("sender", sender)
                .getSingleResult();
    }

    /** Stored messages sent before {@code before}, oldest first, at most {@code max}. */
    public List<ImMessage> storedBefore(Instant before, int max) {
        List<ImMessage> found = em.createQuery("SELECT m FROM ImMessage m WHERE m.status = :stored AND m.sentAt < :before "
                        + "ORDER BY m.sentAt", ImMessage.class)
                .setParameter("stored", ImMessage.Status.STORED).setParameter("before", before).setMaxResults(max)
                .getResultList();
        found.forEach(em::detach);
        return found;
    }

    /** A user's stored messages, oldest first, at most {@code max}. */
    public List<ImMessage> storedFor(String user, int max) {
        List<ImMessage> found = em.createNamedQuery(ImMessage.STORED_FOR, ImMessage.class).setParameter("user", user)
                .setParameter("stored", ImMessage.Status.STORED).setMaxResults(max).getResultList();
        found.forEach(em::detach);
        return found;
    }

    /**
     * Marks stored messages failed (those still stored: one delivered meanwhile stays delivered).
     *
     * @return the ones marked
     */
    public List<String> fail(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> still = em.createQuery("SELECT m.id FROM ImMessage m WHERE m.id IN :ids AND m.status = :stored", String.class)
                .setParameter("ids", ids).setParameter("stored", ImMessage.Status.STORED).getResultList();
        if (!still.isEmpty()) {
            em.createQuery("UPDATE ImMessage m SET m.status = :failed WHERE m.id IN :ids AND m.status = :stored")
                    .setParameter("failed", ImMessage.Status.FAILED).setParameter("ids", still)
                    .setParameter("stored", ImMessage.Status.STORED).executeUpdate();
        }
        return still;
    }

    /** Everything of a deleted user: their history both ways and what waits for them (in the caller's transaction). */
    public int forget(String user) {
        return em.createQuery("DELETE FROM ImMessage m WHERE m.senderUser = :user OR m.recipientUser = :user")
                .setParameter("user", user).executeUpdate();
    }
}
