package org.universalim.presence.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.cluster.control.ViewState;
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
 * stay, as forgetting a key waits for a load of it under way ({@link NamedCache}). The memory is used only while
 * this node is the ISP's only node (another node's changes are not seen here), and an entry only in the view of the
 * cluster it was read in or a later one where this node is still alone ({@link ViewState#trusts}): a node that joins
 * or comes back announces itself before it takes clients, and what was read before then is read again. Entries also
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

    /** Facts kept, with the number of the view of the cluster they were read in. */
    record Kept(long view, Facts facts) {
    }

    @Inject
    TransactionEnd transactionEnd;

    @Inject
    Caches caches;

    @Inject
    ClusterView cluster;

    private NamedCache<String, Kept> cache;

    @PostConstruct
    void create() {
        cache = caches.create(CACHE, MAX_ENTRIES, TTL);
    }

    /**
     * The user's facts: from memory while this node is the ISP's only node and they were read in a view it trusts, else
     * from {@code load} (kept while alone).
     */
    public Facts get(String userName, Supplier<Facts> load) {
        ViewState now = cluster.now();
        if (!now.alone()) {
            return load.get();
        }
        Kept kept = cache.get(userName, user -> new Kept(now.number(), load.get()));
        if (now.trusts(kept.view())) {
            return kept.facts();
        }
        // read before another node joined: read again (what another load keeps meanwhile is not trusted either)
        cache.forget(userName);
        kept = cache.get(userName, user -> new Kept(now.number(), load.get()));
        return now.trusts(kept.view()) ? kept.facts() : load.get();
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
