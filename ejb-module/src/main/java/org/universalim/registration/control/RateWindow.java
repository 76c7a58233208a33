package org.universalim.registration.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code limit} events in any window of {@code window} (a sliding window over the times of the events
 * taken): {@link #tryTake} takes a place or answers when the next one frees up; {@link #giveBack} returns a
 * place taken for something that did not happen after all. Thread-safe; memory is at most {@code limit} times.
 */
public final class RateWindow {

    private final int limit;
    private final Duration window;
    private final Deque<Instant> taken = new ArrayDeque<>();

    public RateWindow(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate window has a limit of at least 1 and a positive window");
        }
        this.limit = limit;
        this.window = window;
    }

    /**
     * Takes a place at {@code now}.
     *
     * @return null when taken; else when a place frees up
     */
    public synchronized Instant tryTake(Instant now) {
        forgetBefore(now.minus(window));
        if (taken.size() >= limit) {
            return taken.peekFirst().plus(window);
        }
        taken.addLast(now);
        return null;
    }

    /** Returns the place taken at {@code at} (the newest such one). */
    public synchronized void giveBack(Instant at) {
        taken.removeLastOccurrence(at);
    }

    /** Whether nothing is counted any more at {@code now} (the window can be forgotten). */
    public synchronized boolean isIdle(Instant now) {
        forgetBefore(now.minus(window));
        return taken.isEmpty();
    }

    private void forgetBefore(Instant oldest) {
        while (!taken.isEmpty() && !taken.peekFirst().isAfter(oldest)) {
            taken.removeFirst();
        }
    }
}
