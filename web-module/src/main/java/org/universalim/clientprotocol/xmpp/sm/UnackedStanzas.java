package org.universalim.clientprotocol.xmpp.sm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The stanzas sent to a client under stream management (XEP-0198) that it has not acknowledged yet, in the order
 * sent, and the numbers of the exchange: how many the client has acknowledged ('h', unsigned 32 bits, from
 * 2^32-1 back to 0) and so how many were sent; when to ask the client for an acknowledgement ({@code <r/>}).
 * A stanza's number is implicit: the acknowledged count plus its place in the queue. Bounded: a stanza beyond
 * the capacity is refused. Not thread-safe: its connection guards it.
 */
public final class UnackedStanzas {

    /** 'h' is an xs:unsignedInt: counts wrap at 2^32. */
    public static final long MODULUS = 1L << 32;
    private static final long MASK = MODULUS - 1;

    /**
     * A stanza sent and not yet acknowledged.
     *
     * @param messageId the routing core's message id when the stanza is a message it handed over, else {@code null}
     * @param handled   run once the client acknowledged it; may be {@code null}
     */
    public record Entry(String stanza, String messageId, Runnable handled) {
    }

    /** The client acknowledged more stanzas than it was sent. */
    public static final class TooHigh extends Exception {
        private static final long serialVersionUID = 1L;
        private final long h;
        private final long sent;

        TooHigh(long h, long sent) {
            super("acknowledged " + h + " stanzas, but " + sent + " were sent", null, false, false);
            this.h = h;
            this.sent = sent;
        }

        public long h() {
            return h;
        }

        public long sent() {
            return sent;
        }
    }

    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final int capacity;
    private long acknowledged;
    /** The count sent when the client was last asked for an acknowledgement. */
    private long requestedAt;
    /** When the oldest stanza not yet covered by a request was sent ({@link System#nanoTime}); valid while one is. */
    private long unrequestedSince;

    public UnackedStanzas(int capacity) {
        this.capacity = capacity;
    }

    /** A queue whose client has acknowledged {@code h} stanzas so far (tests of long sessions). */
    static UnackedStanzas acknowledgedSoFar(int capacity, long h) {
        UnackedStanzas q = new UnackedStanzas(capacity);
        q.acknowledged = h;
        q.requestedAt = h;
        return q;
    }

    /** A count plus one, wrapping at 2^32. */
    public static long next(long count) {
        return (count + 1) & MASK;
    }

    /** How far {@code to} is ahead of {@code from}, counting modulo 2^32. */
    public static long distance(long from, long to) {
        return (to - from) & MASK;
    }

    /** An 'h' attribute: a whole number from 0 to 2^32-1, or -1 when it is missing or not one. */
    public static long parse(String h) {
        if (h == null || h.isEmpty() || h.length() > 10) {
            return -1;
        }
        for (int i = 0; i < h.length(); i++) {
            if (h.charAt(i) < '0' || h.charAt(i) > '9') {
                return -1;
            }
        }
        long value = Long.parseLong(h);
        return value > MASK ? -1 : value;
    }

    /**
     * Adds a stanza just sent (or kept to be sent on a resumed stream).
     *
     * @param now {@link System#nanoTime}
     * @return false when the queue is full: the stanza is not added
     */
    public boolean add(Entry entry, long now) {
        if (queue.size() >= capacity) {
            return false;
        }
        if (distance(requestedAt, sent()) == 0) {
            unrequestedSince = now;
        }
        queue.addLast(entry);
        return true;
    }

    /** How many stanzas were sent, modulo 2^32. */
    public long sent() {
        return (acknowledged + queue.size()) & MASK;
    }

    /** The client's last 'h'. */
    public long acknowledgedCount() {
        return acknowledged;
    }

    public int size() {
        return queue.size();
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The client says it has handled {@code h} stanzas: the ones it had not acknowledged before are taken off.
     *
     * @return those stanzas, oldest first
     * @throws TooHigh when {@code h} counts more stanzas than were sent (or fewer than it acknowledged before)
     */
    public List<Entry> acknowledge(long h) throws TooHigh {
        long handled = distance(acknowledged, h);
        if (handled > queue.size()) {
            throw new TooHigh(h, sent());
        }
        List<Entry> done = new ArrayList<>((int) handled);
        for (long i = 0; i < handled; i++) {
            done.add(queue.pollFirst());
        }
        if (handled > distance(acknowledged, requestedAt)) {
            // the client acknowledged beyond the last request, unasked: nothing up to 'h' waits for a request
            requestedAt = h;
        }
        acknowledged = h;
        return done;
    }

    /**
     * Whether to ask the client for an acknowledgement now: some stanzas were sent since the last request, and
     * they are {@code afterStanzas} or more, or the oldest of them was sent {@code afterNanos} ago or more.
     */
    public boolean requestDue(long now, int afterStanzas, long afterNanos) {
        long unrequested = distance(requestedAt, sent());
        if (unrequested == 0 || unrequested > queue.size()) {
            return false;
        }
        return unrequested >= afterStanzas || now - unrequestedSince >= afterNanos;
    }

    /** The client was asked for an acknowledgement of everything sent so far. */
    public void requested() {
        requestedAt = sent();
    }

    /**
     * Keeps only the stanzas that still {@code matter}, in order (on a resumed stream, before they are sent again):
     * the numbers go on from the acknowledged count, as the client counts what it is sent again.
     */
    public void retain(Predicate<Entry> matter, long now) {
        queue.removeIf(e -> !matter.test(e));
        requestedAt = acknowledged;
        unrequestedSince = now;
    }

    /** The stanzas not acknowledged, oldest first. */
    public List<Entry> pending() {
        return List.copyOf(queue);
    }

    /** Takes every stanza off (the session ends): those not acknowledged, oldest first. */
    public List<Entry> drain() {
        List<Entry> all = List.copyOf(queue);
        queue.clear();
        return all;
    }
}
