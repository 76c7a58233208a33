package org.universalim.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.OutboxClock;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.Request;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The durable per-peer outbox (no loss): a request for a peer is written here in the caller's transaction,
 * so it exists exactly when the change that caused it does; the {@link FederationSender} drains it.
 */
@Stateless
public class FederationOutbox {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    FederationSettings settings;

    @Inject
    Clock clock;

    @Inject
    OutboxClock order;

    @Inject
    Event<OutboxFilled> filled;

    /**
     * Queues a request for a peer.
     *
     * @param subject    what it is about (the message id, the user), for the console and for collapsing
     * @param senderUser the local user to tell when it cannot be delivered
     */
    public void enqueue(String peer, Operation op, Request request, String subject, String senderUser) {
        if (request.transactionId == null) {
            request.transactionId = newTransactionId();
        }
        enqueueWritten(peer, op, request.transactionId, WireCodec.write(request), subject, senderUser);
    }

    /** Queues a request already written to the contract's XML ({@link WireCodec#write}) with its transaction id. */
    public void enqueueWritten(String peer, Operation op, String transactionId, String payload, String subject, String senderUser) {
        if (payload.length() > OutboxItem.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a federation request is too large to queue");
        }
        Instant now = clock.instant();
        // the order the peer's outbox is drained in (not the id's: see OutboxClock)
        Instant place = order.stamp(now);
        Peer configured = em.find(Peer.class, peer);
        // no configured peer: an XMPP server reached over s2s, whose stanzas wait a shorter time
        java.time.Duration deadline = configured == null ? settings.xmppDeadline() : configured.deadlineSeconds() != null
                ? java.time.Duration.ofSeconds(configured.deadlineSeconds()) : settings.deadline();
        em.persist(new OutboxItem(peer, op.path(), transactionId, payload, subject, senderUser, place, now.plus(deadline),
                now));
        filled.fire(new OutboxFilled(peer));
    }

    /**
     * Queues a user's presence for a peer; a presence of the same user still waiting for its first try is
     * replaced rather than followed (a peer that was away gets the latest, not the whole story). The item may
     * be on its way to the peer at that moment: the replacement raises its revision, so the send of the older
     * one does not remove it (see {@link OutboxWork#delivered}) and the newer one goes next. The replacement is
     * one statement that finds the row or nothing: when that send removed it first, a new item is queued.
     */
    public void enqueuePresence(String peer, PresenceInfo presence) {
        PresenceUpdate update = new PresenceUpdate();
        update.transactionId = newTransactionId();
        update.presences.add(presence);
        OutboxItem waiting = em.createNamedQuery(OutboxItem.PRESENCE_OF, OutboxItem.class).setParameter("peer", peer)
                .setParameter("operation", Operation.PRESENCE.path()).setParameter("subject", presence.user)
                .getResultStream().findFirst().orElse(null);
        if (waiting != null && em.createNamedQuery(OutboxItem.REPLACE).setParameter("payload", WireCodec.write(update))
                .setParameter("tx", update.transactionId).setParameter("id", waiting.id()).executeUpdate() == 1) {
            filled.fire(new OutboxFilled(peer));
            return;
        }
        enqueue(peer, Operation.PRESENCE, update, presence.user, null);
    }

    /** Queues a user's presence for a peer as a new item, without looking for one waiting (see {@link #presencesQueued}). */
    public void enqueueNewPresence(String peer, PresenceInfo presence) {
        PresenceUpdate update = new PresenceUpdate();
        update.transactionId = newTransactionId();
        update.presences.add(presence);
        enqueue(peer, Operation.PRESENCE, update, presence.user, null);
    }

    /**
     * The users whose presence is queued for a peer (waiting, or being retried): the peer gets their latest presence
     * with it, since each change of theirs replaces it or is queued after it.
     */
    public Set<String> presencesQueued(String peer) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT o.subject FROM OutboxItem o WHERE o.peer = :peer "
                + "AND o.operation = :operation", String.class).setParameter("peer", peer)
                .setParameter("operation", Operation.PRESENCE.path()).getResultList());
    }

    public static String newTransactionId() {
        return UUID.randomUUID().toString();
    }
}
