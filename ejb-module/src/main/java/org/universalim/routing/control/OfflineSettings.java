package org.universalim.routing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** How a user's offline box is shared among senders and how long what waits in it is kept (server.xml variables). */
@ApplicationScoped
public class OfflineSettings {

    @Inject
    @ConfigProperty(name = "offline.max.per.sender", defaultValue = "100")
    int maxPerSender;

    @Inject
    @ConfigProperty(name = "offline.expiry.days", defaultValue = "30")
    double expiryDays;

    /** Messages one sender may have waiting for one user (their share of the user's {@code offline.max.per.user}). */
    public int maxPerSender() {
        return Math.max(1, maxPerSender);
    }

    /** How long a stored message waits for its recipient before it expires and its sender is told. */
    public Duration expiry() {
        long millis = (long) (Math.max(0.0, expiryDays) * 86_400_000d);
        return Duration.ofMillis(Math.max(1_000, millis));
    }

    /** How often expired messages are looked for: a quarter of the expiry, at least every second, at most every 15 min. */
    public Duration sweepEvery() {
        Duration quarter = expiry().dividedBy(4);
        if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return quarter.compareTo(Duration.ofMinutes(15)) > 0 ? Duration.ofMinutes(15) : quarter;
    }
}
