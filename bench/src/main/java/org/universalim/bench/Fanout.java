package org.universalim.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Bookkeeping of the presence fan-out scenario, fed with the presence stanzas every watcher receives:
 * per watcher, when it first saw the target available and unavailable in the current round, whether it
 * ever saw the target available (it is subscribed), and the {@code subscribed} answers it got.
 * Watchers are identified by their index relative to {@code userOffset}; stanzas from anybody but the
 * target (by local part, so whichever domain form the server shows) are counted and ignored.
 */
final class Fanout implements Connection.StanzaSink {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final int watchers;
    private final int userOffset;
    private final String target;
    private final AtomicLongArray available;
    private final AtomicLongArray unavailable;
    private final AtomicLongArray everAvailable;
    private final AtomicLongArray subscribed;
    private final AtomicLongArray failed;
    final AtomicInteger availableCount = new AtomicInteger();
    final AtomicInteger unavailableCount = new AtomicInteger();
    final AtomicInteger everAvailableCount = new AtomicInteger();
    final AtomicInteger subscribedCount = new AtomicInteger();
    final LongAdder refusals = new LongAdder();
    /** Presence errors about the target (e.g. a subscription request the watcher's server failed). */
    final LongAdder errors = new LongAdder();
    final LongAdder others = new LongAdder();
    final LongAdder duplicates = new LongAdder();

    /** @param target the target's local part (user name) */
    Fanout(int watchers, int userOffset, String target) {
        this.watchers = watchers;
        this.userOffset = userOffset;
        this.target = target;
        this.available = new AtomicLongArray(watchers);
        this.unavailable = new AtomicLongArray(watchers);
        this.everAvailable = new AtomicLongArray(watchers);
        this.subscribed = new AtomicLongArray(watchers);
        this.failed = new AtomicLongArray(watchers);
    }

    @Override
    public void onStanza(Connection receiver, String frame, long now) {
        onFrame(receiver.index, frame, now);
    }

    /** A frame received by the watcher with this (absolute) index; only presence stanzas count. */
    void onFrame(int watcherIndex, String frame, long now) {
        if (!"presence".equals(Xml.rootLocalName(frame))) {
            return;
        }
        onPresence(watcherIndex, Xml.rootAttribute(frame, "from"), Xml.rootAttribute(frame, "type"), now);
    }

    /** One presence stanza from {@code from} of {@code type} (null: available) received by a watcher. */
    void onPresence(int watcherIndex, String from, String type, long now) {
        int w = watcherIndex - userOffset;
        if (w >= 0 && w < watchers && "error".equals(type) && (from == null || target.equalsIgnoreCase(String.valueOf(Jids.local(from))))) {
            errors.increment();
            failed.set(w, Math.max(1, now));
            return;
        }
        if (w < 0 || w >= watchers || !target.equalsIgnoreCase(String.valueOf(Jids.local(from)))) {
            others.increment();
            return;
        }
        long stamp = Math.max(1, now);
        if (type == null) {
            if (everAvailable.compareAndSet(w, 0, stamp)) {
                everAvailableCount.incrementAndGet();
            }
            if (available.compareAndSet(w, 0, stamp)) {
                availableCount.incrementAndGet();
            } else {
                duplicates.increment();
            }
        } else if (type.equals("unavailable")) {
            if (unavailable.compareAndSet(w, 0, stamp)) {
                unavailableCount.incrementAndGet();
            }
        } else if (type.equals("subscribed")) {
            if (subscribed.compareAndSet(w, 0, stamp)) {
                subscribedCount.incrementAndGet();
            }
        } else if (type.equals("unsubscribed")) {
            refusals.increment();
        }
    }

    /** Forgets who saw the target available in the current round (call while the target is offline). */
    void resetAvailable() {
        for (int i = 0; i < watchers; i++) {
            available.set(i, 0);
        }
        availableCount.set(0);
        duplicates.reset();
    }

    /** Forgets who saw the target unavailable (call before the target logs off). */
    void resetUnavailable() {
        for (int i = 0; i < watchers; i++) {
            unavailable.set(i, 0);
        }
        unavailableCount.set(0);
    }

    /** Whether the watcher got a presence error since the last call (and forgets it). */
    boolean takeError(int watcher) {
        return failed.getAndSet(watcher, 0) != 0;
    }

    boolean everSawTarget(int watcher) {
        return everAvailable.get(watcher) != 0;
    }

    /** Watchers that ever saw the target available and did not see it go unavailable in this round. */
    int missingUnavailable() {
        int n = 0;
        for (int i = 0; i < watchers; i++) {
            if (everAvailable.get(i) != 0 && unavailable.get(i) == 0) {
                n++;
            }
        }
        return n;
    }

    /** The current round as seen from {@code t0} (the nanoTime the target sent its initial presence). */
    Round round(long t0) {
        Histogram h = new Histogram(HIGHEST_MICROS, 3);
        long last = -1;
        int seen = 0;
        int early = 0;
        for (int i = 0; i < watchers; i++) {
            long at = available.get(i);
            if (at == 0) {
                continue;
            }
            seen++;
            long nanos = at - t0;
            if (nanos < 0) {
                early++;
                nanos = 0;
            }
            long micros = nanos / 1000;
            h.recordValue(Math.min(micros, HIGHEST_MICROS));
            last = Math.max(last, micros);
        }
        return new Round(seen, watchers - seen, early, last, h);
    }

    /**
     * One round: watchers that saw the target available, those that did not, those whose presence came
     * before t0 (a stale presence: should be 0), the time until the last one in microseconds (-1 when
     * none), and the latencies.
     */
    record Round(int seen, int missed, int early, long lastMicros, Histogram latencyMicros) {
    }
}
