package org.universalim.federation.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.federation.entity.Peer;
import org.universalim.platform.TransactionEnd;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Which peer serves an address's domain, kept in memory: every message for another ISP asks. Forgotten
 * when this node changes a peer (at once and again once the change has committed); another node's
 * change is seen within {@link #TTL_SECONDS} seconds. The peers handed out are shared: callers only read them.
 */
@ApplicationScoped
public class PeerLookup {

    static final long TTL_SECONDS = 5;

    private record Entry(Optional<Peer> peer, long expiresNanos) {
    }

    @Inject
    TransactionEnd transactionEnd;

    private final ConcurrentHashMap<String, Entry> byDomain = new ConcurrentHashMap<>();

    public Optional<Peer> forDomain(String domain, Supplier<Optional<Peer>> load) {
        long now = System.nanoTime();
        Entry e = byDomain.get(domain);
        if (e != null && now - e.expiresNanos() < 0) {
            return e.peer();
        }
        Optional<Peer> loaded = load.get();
        if (byDomain.size() < 10_000) {
            byDomain.put(domain, new Entry(loaded, now + TimeUnit.SECONDS.toNanos(TTL_SECONDS)));
        }
        return loaded;
    }

    /** The peers change in the current transaction. */
    public void changing() {
        transactionEnd.nowAndAfter(byDomain::clear);
    }
}
