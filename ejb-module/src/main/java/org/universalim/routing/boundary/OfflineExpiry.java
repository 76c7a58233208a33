package org.universalim.routing.boundary;

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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterMembership;
import org.universalim.routing.control.OfflineBox;
import org.universalim.routing.control.OfflineSettings;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages that waited in an offline box longer than {@code offline.expiry.days} expire: they are marked failed and
 * their senders get a {@code failed} receipt with the reason {@value #REASON} (a sender of another ISP through
 * their ISP, by the federation's receipts). Looked for every quarter of the expiry (at least every second, at most
 * every 15 minutes), in batches, on the node doing the ISP-wide work.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClusterMembership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OfflineExpiry {

    public static final String REASON = "expired";
    static final int BATCH = 500;

    @EJB
    OfflineBox box;

    @EJB
    ClusterMembership membership;

    @Inject
    OfflineFailures failures;

    @Inject
    OfflineSettings settings;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Resource
    TimerService timers;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long every = settings.sweepEvery().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("offline-expiry", false));
    }

    @Timeout
    void sweep(Timer timer) {
        if (!membership.isLeader() || !running.compareAndSet(false, true)) {
            return; // one node of the ISP does this, one run at a time
        }
        try {
            Instant before = clock.instant().minus(settings.expiry());
            int expired = 0;
            while (true) {
                List<ImMessage> batch = box.storedBefore(before, BATCH);
                int failed = failures.fail(batch, REASON);
                expired += failed;
                if (batch.size() < BATCH || failed == 0) {
                    break;
                }
            }
            if (expired > 0) {
                int count = expired;
                log.info(() -> count + " stored message(s) expired unread; their senders are told");
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failure must not cancel the timer
            log.log(Level.WARNING, "expiring stored messages failed", e);
        } finally {
            running.set(false);
        }
    }
}
