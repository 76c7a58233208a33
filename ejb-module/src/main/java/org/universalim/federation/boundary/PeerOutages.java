package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.PeerHealth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The peers whose outages our watchers must see (their users are on local rosters), and showing a peer's users
 * unavailable once it has been silent too long ({@link PeerProbe} decides when). Each step its own transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PeerOutages {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    ForeignUsers foreign;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /** An enabled peer, whether local rosters hold its users, and how calls to it have been going (null: never called). */
    public record Watched(Peer peer, boolean watched, PeerHealth health) {

        public boolean reachable() {
            return health == null || health.reachable();
        }
    }

    /** Every enabled peer with its health. */
    public List<Watched> peers() {
        List<Watched> peers = new ArrayList<>();
        for (Peer p : em.createNamedQuery(Peer.ALL, Peer.class).getResultList()) {
            if (p.enabled()) {
                PeerHealth health = em.find(PeerHealth.class, p.domain());
                if (health != null) {
                    em.detach(health);
                }
                em.detach(p);
                peers.add(new Watched(p, watched(p), health));
            }
        }
        return peers;
    }

    /** Whether a local roster holds a user of the peer (one row is enough: the index on the domain finds it). */
    private boolean watched(Peer p) {
        return !em.createQuery("SELECT f.address FROM ForeignUser f WHERE f.ispDomain IN :domains AND f.tracked = TRUE", String.class)
                .setParameter("domains", List.of(p.domain(), p.universalDomain())).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * The peer has been silent too long: its users are shown unavailable to local watchers, once per outage
     * (until a call gets through again).
     */
    public void showUnavailable(String domain) {
        Peer peer = em.find(Peer.class, domain);
        // locked before it is read: a call getting through meanwhile (OutboxWork locks it too) ends the outage either
        // before this (nothing to show) or after it (the return resynchronises); read unlocked, its end could be
        // overwritten by this, and the users shown unavailable though their ISP answers, with no return to come
        PeerHealth health = em.find(PeerHealth.class, domain, LockModeType.PESSIMISTIC_WRITE);
        if (peer == null || health == null || health.reachable() || health.usersUnavailableAt() != null) {
            return;
        }
        Instant now = clock.instant();
        health.usersShownUnavailable(now);
        int shown = foreign.unreachable(peer, health.unreachableSince());
        log.info(() -> "federation: " + domain + " has not answered since " + health.unreachableSince() + " (" + health.lastError()
                + "); " + shown + " of its users shown unavailable to their watchers here");
    }
}
