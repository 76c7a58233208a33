package org.universalim.presence.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of presence, delivery rules and the availability indicator (server.xml variables). */
@ApplicationScoped
public class PresenceSettings {

    @Inject
    @ConfigProperty(name = "delivery.ack.timeout.ms", defaultValue = "10000")
    long defaultAckTimeoutMillis;

    @Inject
    @ConfigProperty(name = "availability.weeks", defaultValue = "4")
    int availabilityWeeks;

    @Inject
    @ConfigProperty(name = "availability.threshold", defaultValue = "0.5")
    double availabilityThreshold;

    @Inject
    @ConfigProperty(name = "presence.history.days", defaultValue = "70")
    int historyDays;

    @Inject
    @ConfigProperty(name = "alerts.default.hours", defaultValue = "24")
    int alertDefaultHours;

    @Inject
    @ConfigProperty(name = "alerts.sweep.seconds", defaultValue = "15")
    int alertSweepSeconds;

    public long defaultAckTimeoutMillis() {
        return defaultAckTimeoutMillis;
    }

    public AvailabilityWindows availabilityWindows() {
        return new AvailabilityWindows(availabilityWeeks, availabilityThreshold);
    }

    /** History older than this is compacted away; at least the weeks the windows look at, plus one. */
    public int historyDays() {
        return Math.max(historyDays, 7 * (availabilityWeeks + 1));
    }

    public int alertDefaultHours() {
        return alertDefaultHours;
    }

    public int alertSweepSeconds() {
        return Math.max(1, alertSweepSeconds);
    }
}
