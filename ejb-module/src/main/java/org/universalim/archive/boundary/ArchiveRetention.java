package org.universalim.archive.boundary;

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
import jakarta.inject.Inject;
import org.universalim.archive.control.ArchiveSettings;
import org.universalim.archive.control.ArchiveStore;
import org.universalim.cluster.boundary.ClusterMembership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ISP's retention of the history (and so of the archive): with {@code archive.retention.days} above 0, messages
 * sent longer ago that are done with (delivered, handed on, failed) are removed every
 * {@code archive.retention.check.minutes}, in batches, on the node that does the ISP-wide work. Messages still
 * waiting in offline storage are kept until delivered.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClusterMembership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ArchiveRetention {

    static final int BATCH = 1_000;

    @Resource
    TimerService timers;

    @EJB
    ArchiveStore store;

    @EJB
    ClusterMembership membership;

    @Inject
    ArchiveSettings settings;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        if (settings.retentionDays() > 0) {
            long every = Duration.ofMinutes(settings.retentionCheckMinutes()).toMillis();
            timers.createIntervalTimer(Math.min(every, 60_000), every, new TimerConfig("archive-retention", false));
        }
    }

    @Timeout
    void prune(Timer timer) {
        if (!membership.isLeader() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant before = clock.instant().minus(Duration.ofDays(settings.retentionDays()));
            int total = 0;
            int removed;
            do {
                removed = store.forgetBefore(before, BATCH);
                total += removed;
            } while (removed == BATCH);
            if (total > 0) {
                log.log(Level.INFO, "archive: removed {0} messages sent before {1} (retention {2} days)",
                        new Object[] {total, before, settings.retentionDays()});
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "archive: applying the retention failed", e);
        } finally {
            running.set(false);
        }
    }
}
