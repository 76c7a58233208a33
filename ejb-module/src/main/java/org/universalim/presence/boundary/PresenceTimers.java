package org.universalim.presence.boundary;

import org.universalim.cluster.boundary.ClusterMembership;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.universalim.presence.control.PresenceSettings;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic work of presence: the alert sweep (every {@code alerts.sweep.seconds}) and the history
 * compaction (hourly). The timers are not persistent: their state is in the database, and they are
 * created again at every start.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClusterMembership"})
public class PresenceTimers {

    private static final String ALERTS = "alert-sweep";
    private static final String HISTORY = "history-compaction";

    @Resource
    TimerService timers;

    @EJB
    AvailabilityAlerts alerts;

    @EJB
    AvailabilityIndicator indicator;

    @Inject
    PresenceSettings settings;

    @EJB
    ClusterMembership membership;

    @Inject
    Logger log;

    @PostConstruct
    void schedule() {
        long sweep = settings.alertSweepSeconds() * 1000L;
        timers.createIntervalTimer(sweep, sweep, new TimerConfig(ALERTS, false));
        timers.createIntervalTimer(60_000L, 3_600_000L, new TimerConfig(HISTORY, false));
    }

    @Timeout
    void run(Timer timer) {
        if (!membership.isLeader()) {
            return; // one node of the ISP does this
        }
        try {
            if (ALERTS.equals(timer.getInfo())) {
                alerts.sweep();
            } else if (HISTORY.equals(timer.getInfo())) {
                indicator.compactHistory();
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failure must not cancel the timer
            log.log(Level.WARNING, "periodic task " + timer.getInfo() + " failed", e);
        }
    }
}
