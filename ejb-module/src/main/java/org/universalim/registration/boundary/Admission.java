package org.universalim.registration.boundary;

import java.time.Duration;
import java.time.Instant;

/**
 * The log-in throttle's answer to one attempt: go on and check the password (then tell the throttle how
 * it went), or "try later" without checking it.
 *
 * @param account  the account key the attempt counts for
 * @param address  the client address key the attempt counts for
 * @param retryAt  when a refused attempt may come again; {@code null} when admitted
 * @param locked   refused because a lock threshold was reached (not only a delay)
 */
public record Admission(LoginDoor door, String account, String address, Instant retryAt, boolean locked) {

    public boolean admitted() {
        return retryAt == null;
    }

    /** Whole seconds until {@link #retryAt}, at least 1 (for {@code Retry-After}). */
    public long retryAfterSeconds(Instant now) {
        if (retryAt == null) {
            return 0;
        }
        long millis = Duration.between(now, retryAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The sentence for the client, the same at every door. */
    public String reason(Instant now) {
        return "too many failed log-ins: try again in " + retryAfterSeconds(now) + " s";
    }
}
