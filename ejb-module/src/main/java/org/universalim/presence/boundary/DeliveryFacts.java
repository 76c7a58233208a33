package org.universalim.presence.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.platform.TransactionEnd;
import org.universalim.presence.control.DeviceSnapshot;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the presence logic rules read for every message to a user (the user's devices as snapshots, the
 * configured order, the acknowledgement time), kept in memory so that a message does not read the device
 * and rules tables. Every change of a user's devices or rules on this node forgets the user's entry once
 * its transaction has committed; a generation count per user keeps a read that raced with a change from
 * being remembered. {@link PresenceRules} uses it only while this node is the ISP's only node (another
 * node's changes are not seen here); entries also expire after {@link #TTL_SECONDS} as a safety net.
 */
@ApplicationScoped
public class DeliveryFacts {

    static final long TTL_SECONDS = 60;
    static final int MAX_ENTRIES = 200_000;

    /** One user's inputs to the rules. */
    public record Facts(List<DeviceSnapshot> devices, List<String> order, long ackTimeoutMillis) {
    }

    private record Entry(Facts facts, long generation, long expiresNanos) {
    }

    @Inject
    TransactionEnd transactionEnd;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final AtomicLong global = new AtomicLong();

    /** The user's facts from memory, or from {@code load} (remembered unless a change raced with it). */
    public Facts get(String userName, Supplier<Facts> load) {
        long now = System.nanoTime();
        long generation = generation(userName);
        Entry e = entries.get(userName);
        if (e != null && e.generation() == generation && now - e.expiresNanos() < 0) {
            return e.facts();
        }
        Facts loaded = load.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
            generations.clear();
            global.incrementAndGet();
        }
        entries.put(userName, new Entry(loaded, generation, now + TimeUnit.SECONDS.toNanos(TTL_SECONDS)));
        return loaded;
    }

    private long generation(String userName) {
        return global.get() * 1_000_003L + generations.computeIfAbsent(userName, u -> new AtomicLong()).get();
    }

    /** The user's devices or rules change in the current transaction: forget them now and after it ends. */
    public void changing(String userName) {
        transactionEnd.nowAndAfter(() -> forget(userName));
    }

    /** Forgets the user's facts. */
    public void forget(String userName) {
        generations.computeIfAbsent(userName, u -> new AtomicLong()).incrementAndGet();
        entries.remove(userName);
    }

    void presenceChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) PresenceChanged change) {
        forget(change.userName());
    }
}
