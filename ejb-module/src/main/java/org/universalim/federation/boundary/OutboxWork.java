package org.universalim.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.control.Backoff;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.PeerHealth;
import org.universalim.routing.control.InLists;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

/** The transactional steps of draining a peer's outbox, each its own transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxWork {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    Clock clock;

    /** Peers with something due now. */
    public List<String> peersDue() {
        return em.createNamedQuery(OutboxItem.PEERS_DUE, String.class).setParameter("now", clock.instant()).getResultList();
    }

    public Optional<Peer> peer(String domain) {
        return Optional.ofNullable(em.find(Peer.class, domain));
    }

    /**
     * The head of a peer's outbox, in order, if its first item is due: the items after a waiting one
     * wait too, so a peer gets its requests in the order they were made.
     */
    public List<OutboxItem> head(String peer, int max) {
        // the ids first, then their rows: one query of the items in order read and sorted every item of the peer with its
        // payload (in a profile of 2026-12-06, the head of a peer with a backlog took 4 % of the sending ISP's time)
        List<Long> ids = em.createNamedQuery(OutboxItem.HEAD_IDS, Long.class).setParameter("peer", peer).setMaxResults(max)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, OutboxItem> byId = new HashMap<>();
        em.createNamedQuery(OutboxItem.WITH_IDS, OutboxItem.class).setParameter("ids", InLists.padded(ids)).getResultList()
                .forEach(item -> byId.put(item.id(), item));
        List<OutboxItem> items = new ArrayList<>();
        for (Long id : ids) {
            OutboxItem item = byId.get(id);
            if (item == null) {
                break; // removed between the two reads (a refusal, a deadline): the head ends before it
            }
            items.add(item);
        }
        if (items.isEmpty() || items.get(0).nextAttemptAt().isAfter(clock.instant())) {
            return List.of();
        }
        items.forEach(em::detach);
        return items;
    }

    /** Items woken by one statement (its IN list). */
    static final int WAKE_AT_ONCE = 256;

    /**
     * Ends a peer's back-off: its waiting items are due now.
     *
     * @return whether anything was waiting
     */
    public boolean wakeUp(String peer) {
        Instant now = clock.instant();
        // the items read first, then updated by id: one statement that updated as it read locked the rows it woke while
        // it waited to read the next, and a log-on that had queued a presence and looked for another (Derby waits on
        // the rows it reads) waited for those while holding the one the statement waited for: a deadlock
        List<Long> ids = em.createQuery("SELECT o.id FROM OutboxItem o WHERE o.peer = :peer AND o.nextAttemptAt > :now", Long.class)
                .setParameter("now", now).setParameter("peer", peer).getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        int woken = 0;
        for (int from = 0; from < ids.size(); from += WAKE_AT_ONCE) {
            List<Long> some = ids.subList(from, Math.min(ids.size(), from + WAKE_AT_ONCE));
            woken += em.createQuery("UPDATE OutboxItem o SET o.nextAttemptAt = :now WHERE o.id IN :ids AND o.nextAttemptAt > :now")
                    .setParameter("now", now).setParameter("ids", InLists.padded(some)).executeUpdate();
        }
        return woken > 0;
    }

    /**
     * The items went through and are removed, except one whose payload was replaced while it was on its way
     * (a newer presence): that one goes next.
     *
     * @return whether this ends an outage of the peer (it came back)
     */
    public boolean delivered(String peer, List<OutboxItem> sent) {
        // one statement per revision sent (a batch of messages: one statement, its IN list padded so that Derby compiles
        // a few statements, not one per batch size)
        sent.stream().collect(Collectors.groupingBy(OutboxItem::revision, Collectors.mapping(OutboxItem::id, Collectors.toList())))
                .forEach((revision, ids) -> em.createNamedQuery(OutboxItem.REMOVE_SENT).setParameter("ids", InLists.padded(ids))
                        .setParameter("revision", revision).executeUpdate());
        return reached(peer);
    }

    /**
     * Records that a call got through.
     *
     * @return whether this ends an outage (see {@link PeerHealth#succeeded})
     */
    private boolean reached(String peer) {
        // the row locked before it is read: of calls getting through at the same moment (our probe's answer and the
        // peer's own call, after an outage), one ends the outage and the others find it ended, so the peer is
        // resynchronised once (two at once wrote the same outbox rows, and could deadlock on them)
        PeerHealth health = em.find(PeerHealth.class, peer, LockModeType.PESSIMISTIC_WRITE);
        if (health == null) {
            health = new PeerHealth(peer);
            em.persist(health);
        }
        return health.succeeded(clock.instant());
    }

    private void unreached(String peer, Instant at, String error) {
        health(peer).failed(at, error);
    }

    private PeerHealth health(String peer) {
        PeerHealth health = em.find(PeerHealth.class, peer);
        if (health == null) {
            health = new PeerHealth(peer);
            em.persist(health);
        }
        return health;
    }

    /**
     * Records that the peer just called us or answered our probe: it is up.
     *
     * @return whether this ends an outage (it came back)
     */
    public boolean reachedNow(String peer) {
        return reached(peer);
    }

    /** Records that a probe of the peer, made at {@code askedAt}, failed. */
    public void probeFailed(String peer, Instant askedAt, String error) {
        unreached(peer, askedAt, error);
    }

    /** Whether the last call to the peer got through (true for a peer never called). */
    public boolean reachable(String peer) {
        PeerHealth health = em.find(PeerHealth.class, peer);
        return health == null || health.reachable();
    }

    /**
     * The items did not go through and will be tried again after a back-off, except those past their
     * deadline, which are removed and returned so their senders can be told.
     */
    public List<OutboxItem> retryLater(String peer, List<Long> ids, String error) {
        Instant now = clock.instant();
        List<OutboxItem> expired = new ArrayList<>();
        for (Long id : ids) {
            OutboxItem item = em.find(OutboxItem.class, id);
            if (item == null) {
                continue;
            }
            if (item.expiredAt(now)) {
                expired.add(item);
                em.remove(item);
            } else {
                item.retryAt(now.plus(Backoff.delay(item.attempts())), error);
            }
        }
        unreached(peer, now, error);
        return expired;
    }

    /** The peer refused the items for good: they are removed and returned so their senders can be told. */
    public List<OutboxItem> refused(String peer, List<Long> ids) {
        List<OutboxItem> removed = new ArrayList<>();
        for (Long id : ids) {
            OutboxItem item = em.find(OutboxItem.class, id);
            if (item != null) {
                removed.add(item);
                em.remove(item);
            }
        }
        reached(peer);
        return removed;
    }
}
