package org.universalim.presence.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.platform.TransactionEnd;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;
import org.universalim.presence.control.DeviceSnapshot;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the presence logic rules read for every message to a user (the user's devices as snapshots, the
 * configured order, the acknowledgement time), kept in memory (the cache {@value #CACHE}) so that a message
 * does not read the device and rules tables. Every change of a user's devices or rules on this node forgets
 * the user's entry now and again once its transaction has ended; a read that raced with the change cannot
 * stay, as forgetting a key waits for a load of it under way ({@link NamedCache}). {@link PresenceRules} uses
 * it only while this node is the ISP's only node (another node's changes are not seen here); entries also
 * expire after {@link #TTL} as a safety net.
 */
@ApplicationScoped
public class DeliveryFacts {

    static final String CACHE = "delivery-facts";
    static final Duration TTL = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 200_000;

    /** One user's inputs to the rules. */
    public record Facts(List<DeviceSnapshot> devices, List<String> order, long ackTimeoutMillis) {
    }

    @Inject
    TransactionEnd transactionEnd;

    @Inject
    Caches caches;

    private NamedCache<String, Facts> cache;

    @PostConstruct
    void create() {
        cache = caches.create(CACHE, MAX_ENTRIES, TTL);
    }

    /** The user's facts from memory, or from {@code load}. */
    public Facts get(String userName, Supplier<Facts> load) {
        return cache.get(userName, user -> load.get());
    }

    /** The user's devices or rules change in the current transaction: forget them now and after it ends. */
    public void changing(String userName) {
        transactionEnd.nowAndAfter(() -> forget(userName));
    }

    /** Forgets the user's facts. */
    public void forget(String userName) {
        cache.forget(userName);
    }

    void presenceChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) PresenceChanged change) {
        forget(change.userName());
    }
}
