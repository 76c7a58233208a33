package org.universalim.bench;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Bookkeeping of one message run (closed or open loop): parses the body "run sender seq sentNanos" of
 * every received message, records the one-way latency (receive time minus the send time carried in
 * the body; both from System.nanoTime of this JVM) and counts deliveries, stale and out-of-order
 * messages and error bounces.
 */
final class MessageRun implements Connection.MessageSink {

    /** Called after a message of this run from {@code sender} (relative index) with {@code seq} arrived. */
    interface Delivered {
        void delivered(int sender, long seq, long nowNanos);
    }

    private static final long HIGHEST_MICROS = 3_600_000_000L;
    /** Send times travel as nanoseconds since this base, so they are never negative. */
    static final long BASE_NANOS = System.nanoTime();

    final int runId;
    private final int userOffset;
    private final Delivered delivered;
    private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    final LongAdder received = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    /** Messages received a second time (the same sender and sequence number). */
    final LongAdder duplicates = new LongAdder();
    private final AtomicLongArray nextSeq;
    /** Per sender, the sequence numbers received so far. */
    private final BitSet[] seen;
    volatile long lastReceiveNanos;

    MessageRun(int runId, int users, int userOffset, Delivered delivered) {
        this.runId = runId;
        this.userOffset = userOffset;
        this.delivered = delivered;
        this.nextSeq = new AtomicLongArray(users);
        this.seen = new BitSet[users];
        for (int i = 0; i < users; i++) {
            seen[i] = new BitSet();
        }
    }

    @Override
    public void onMessage(Connection receiver, String frame, long now) {
        int body = frame.indexOf("<body>");
        if (body < 0) {
            return;
        }
        if ("error".equals(Xml.rootAttribute(frame, "type"))) {
            errors.increment();
            return;
        }
        int[] pos = {body + 6};
        long run = number(frame, pos);
        long sender = number(frame, pos) - userOffset;
        long seq = number(frame, pos);
        long sentSinceBase = number(frame, pos);
        if (run != runId || sender < 0 || sender >= nextSeq.length() || seq < 0 || sentSinceBase < 0) {
            stale.increment();
            return;
        }
        long micros = (now - (BASE_NANOS + sentSinceBase)) / 1000;
        latency.recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
        int s = (int) sender;
        BitSet got = seen[s];
        synchronized (got) {
            if (seq < Integer.MAX_VALUE && got.get((int) seq)) {
                duplicates.increment();
                return;
            }
            if (seq < Integer.MAX_VALUE) {
                got.set((int) seq);
            }
        }
        long expected = nextSeq.get(s);
        if (seq != expected) {
            outOfOrder.increment();
        }
        nextSeq.set(s, Math.max(expected, seq + 1));
        received.increment();
        lastReceiveNanos = now;
        if (delivered != null) {
            delivered.delivered(s, seq, now);
        }
    }

    Histogram latencyMicros() {
        return latency.getIntervalHistogram();
    }

    /** Parses a non-negative decimal number at pos, skipping one separator after it; -1 if none. */
    private static long number(String s, int[] pos) {
        int i = pos[0];
        long v = 0;
        int digits = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            digits++;
            i++;
        }
        pos[0] = i + 1;
        return digits == 0 ? -1 : v;
    }
}
