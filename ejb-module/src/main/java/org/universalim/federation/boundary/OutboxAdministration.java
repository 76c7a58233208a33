package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.wire.Operation;

import java.util.List;
import java.util.logging.Logger;

/**
 * The ISP's administrator looks into a peer's outbox and empties it (the console,
 * {@code /api/v1/admin/peers/{domain}/outbox}): the requests waiting go, and the senders of the messages among them
 * get a {@code failed} receipt with the reason {@value #REASON}.
 */
@Stateless
public class OutboxAdministration {

    public static final String REASON = "purged by the ISP";
    /** Items listed at most. */
    public static final int LIST_MAX = 500;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    FederationResponses responses;

    @Inject
    Logger log;

    /** The first items waiting for the peer, in the order they are sent. */
    public List<OutboxItemView> waiting(String peer, int max) {
        return em.createNamedQuery(OutboxItem.OF_PEER, OutboxItem.class).setParameter("peer", peer)
                .setMaxResults(Math.max(1, Math.min(max, LIST_MAX))).getResultStream()
                .map(o -> new OutboxItemView(o.id(), o.operation(), o.subject(), o.senderUser(), o.createdAt(), o.deadline(),
                        o.attempts(), o.nextAttemptAt(), o.lastError()))
                .toList();
    }

    /**
     * Empties the peer's outbox.
     *
     * @return how many requests went
     */
    public int purge(String peer) {
        List<OutboxItem> items = em.createNamedQuery(OutboxItem.OF_PEER, OutboxItem.class).setParameter("peer", peer)
                .getResultList();
        items.forEach(em::remove);
        // the senders of the messages among them are told; the rest (presence, tracking, ...) just goes
        responses.undeliverable(items.stream().filter(i -> Operation.MESSAGES.path().equals(i.operation())).toList(), REASON);
        log.info(() -> "administration: the outbox of " + peer + " purged (" + items.size() + " requests)");
        return items.size();
    }
}
