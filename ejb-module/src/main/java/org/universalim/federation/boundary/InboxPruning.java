package org.universalim.federation.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.universalim.cluster.boundary.ClusterMembership;
import org.universalim.federation.control.FederationSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgets the peers' transactions ({@code FEDERATION_INBOX}) once they are older than the replay window
 * ({@code federation.replay.window.seconds}): a quarter of the window after they could last have been
 * replayed (at least every second, at most every 15 minutes), in batches of {@value #BATCH} rows, each
 * batch in its own transaction, on the node that does the ISP-wide work. A message sent again after
 * that is still not delivered twice (messages are known by their ids, and one dated before the window
 * is refused).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClusterMembership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class InboxPruning {

    static final int BATCH = 1_000;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Resource
    TimerService timers;

    @EJB
    ClusterMembership membership;

    @Inject
    FederationSettings settings;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long every = period(settings.replayWindow()).toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("federation-inbox-pruning", false));
    }

    /** How often the inbox is pruned for a window. */
    static Duration period(Duration window) {
        Duration quarter = window.dividedBy(4);
        if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return quarter.compareTo(Duration.ofMinutes(15)) > 0 ? Duration.ofMinutes(15) : quarter;
    }

    @Timeout
    void prune(Timer timer) {
        if (!membership.isLeader() || !running.compareAndSet(false, true)) {
            return; // one node of the ISP does this, one run at a time
        }
        try {
            Instant before = clock.instant().minus(settings.replayWindow());
            int forgotten = pruneBefore(before);
            if (forgotten > 0) {
                log.log(Level.FINE, "federation: forgot {0} peer transactions received before {1}", new Object[] {forgotten, before});
            }
        } catch (Exception e) {
            // the next run tries again; a failure must not cancel the timer
            log.log(Level.WARNING, "federation: pruning the inbox failed", e);
        } finally {
            running.set(false);
        }
    }

    private int pruneBefore(Instant before) throws Exception {
        int total = 0;
        while (true) {
            transaction.begin();
            try {
                List<Long> ids = em.createQuery("SELECT i.id FROM InboxEntry i WHERE i.receivedAt < :before", Long.class)
                        .setParameter("before", before).setMaxResults(BATCH).getResultList();
                if (!ids.isEmpty()) {
                    em.createQuery("DELETE FROM InboxEntry i WHERE i.id IN :ids").setParameter("ids", ids).executeUpdate();
                }
                transaction.commit();
                total += ids.size();
                if (ids.size() < BATCH) {
                    return total;
                }
            } catch (Exception e) {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
                throw e;
            }
        }
    }
}
