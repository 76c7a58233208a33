package org.universalim.federation.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time an item is queued in a peer's outbox, strictly increasing on this node: a peer's outbox is drained in this
 * order. The items' ids do not say it: EclipseLink gives a transaction that finds no id left a block of its own, and
 * what that transaction leaves of it goes back to the pool when it commits, so a transaction that commits later may
 * hold lower ids (after a restart, a log-on queueing presence did that to a sender's messages: one overtook three).
 * Whole microseconds, which every supported database keeps.
 */
@ApplicationScoped
public class OutboxClock {

    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);

    /** The stamp of an item queued at {@code now}: {@code now}, or just after the last stamp given if that is later. */
    public Instant stamp(Instant now) {
        return last.updateAndGet(previous -> after(previous, now));
    }

    /** {@code now} to the microsecond, or one microsecond after {@code previous} if that is not earlier. */
    static Instant after(Instant previous, Instant now) {
        Instant micros = now.truncatedTo(ChronoUnit.MICROS);
        return micros.isAfter(previous) ? micros : previous.plus(1, ChronoUnit.MICROS);
    }
}
