package org.universalim.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.universalim.federation.entity.RemoteWatch;

import java.time.Clock;

/**
 * Records that a user of a peer watches one of ours, idempotently even when the peer asks twice at
 * once: the insert runs in its own transaction, and a row that is already there is fine.
 */
@Stateless
public class RemoteWatches {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void watch(String localUser, String watcher, String peer) {
        boolean known = em.createNamedQuery(RemoteWatch.BY_WATCHER, RemoteWatch.class).setParameter("user", localUser)
                .setParameter("watcher", watcher).getResultStream().findFirst().isPresent();
        if (known) {
            return;
        }
        try {
            em.persist(new RemoteWatch(localUser, watcher, peer, clock.instant()));
            em.flush();
        } catch (PersistenceException alreadyThere) {
            // another request recorded it between our look and our insert; this transaction rolls back alone
            throw new AlreadyWatching();
        }
    }

    /** The row exists already: nothing to do. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class AlreadyWatching extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyWatching() {
            super(null, null, false, false);
        }
    }
}
