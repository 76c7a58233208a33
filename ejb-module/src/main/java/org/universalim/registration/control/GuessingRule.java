package org.universalim.registration.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When a log-in attempt may have its password checked, given the failed attempts counted for one account or
 * one client address (docs/security.md, "Authentication and password guessing"). A pure rule:
 *
 * <ul>
 *     <li>up to {@code delayAfter} failures, attempts go on at once;</li>
 *     <li>from then on, each attempt waits {@code baseDelay}, doubled per further failure, at most
 *     {@code maxDelay}, after the last failure ("try later" until then: no thread waits);</li>
 *     <li>at {@code lockAfter} failures, nothing goes on for {@code lockTime} after the last failure;</li>
 *     <li>{@code lockTime} after the last failure, the failures are forgotten (so a lock ends, and the
 *     right password works again).</li>
 * </ul>
 *
 * Only failures count; a success does not give any back (an attacker with an account of their own
 * would otherwise clear their address's count between guesses). Attempts admitted at once, before their
 * failures are known, are bounded by the server's threads below {@code delayAfter}; from {@code delayAfter}
 * on, admitting an attempt moves {@code last} to now, so only one attempt per delay is checked.
 */
public final class GuessingRule {

    /** The thresholds of one kind of key (accounts or addresses). */
    public record Limits(int delayAfter, int lockAfter, Duration baseDelay, Duration maxDelay, Duration lockTime) {

        public Limits {
            if (delayAfter < 1 || lockAfter < delayAfter) {
                throw new IllegalArgumentException("need 1 <= delayAfter <= lockAfter, got " + delayAfter + " and " + lockAfter);
            }
            if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || lockTime.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay <= lockTime");
            }
        }
    }

    /** What is kept per account or address: failures counted, and when the last one (or the last attempt admitted in the delay) was. */
    public record Tally(int failures, Instant last) {
    }

    /** The answer for one attempt. */
    public sealed interface Verdict {
    }

    /** The password may be checked. */
    public record Go() implements Verdict {
    }

    /** Not now: try again at {@code until}; {@code locked} when the lock threshold was reached. */
    public record Wait(Instant until, boolean locked) implements Verdict {
    }

    private final Limits limits;

    public GuessingRule(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    public Verdict decide(Tally tally, Instant now) {
        int failures = current(tally, now);
        if (failures >= limits.lockAfter()) {
            return new Wait(tally.last().plus(limits.lockTime()), true);
        }
        if (failures >= limits.delayAfter()) {
            Instant until = tally.last().plus(delay(failures));
            if (now.isBefore(until)) {
                return new Wait(until, false);
            }
        }
        return new Go();
    }

    /** The tally once an attempt is admitted: from {@code delayAfter} on it takes the slot until the next delay ends. */
    public Tally admitted(Tally tally, Instant now) {
        int failures = current(tally, now);
        return failures >= limits.delayAfter() ? new Tally(failures, now) : tally;
    }

    /** The tally once an admitted attempt failed. */
    public Tally failed(Tally tally, Instant now) {
        return new Tally(current(tally, now) + 1, now);
    }

    /** The failures that still count at {@code now}: none once {@code lockTime} has passed since the last. */
    public int current(Tally tally, Instant now) {
        if (tally == null || tally.failures() <= 0 || !now.isBefore(tally.last().plus(limits.lockTime()))) {
            return 0;
        }
        return tally.failures();
    }

    /** The wait after the {@code failures}-th failure: base, doubled per failure beyond {@code delayAfter}, capped. */
    Duration delay(int failures) {
        int doublings = failures - limits.delayAfter();
        if (doublings >= 30) {
            return limits.maxDelay();
        }
        Duration d = limits.baseDelay().multipliedBy(1L << doublings);
        return d.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : d;
    }
}
