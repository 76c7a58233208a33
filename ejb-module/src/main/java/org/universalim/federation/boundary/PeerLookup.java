package org.universalim.federation.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.federation.entity.Peer;
import org.universalim.platform.TransactionEnd;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which peer serves an address's domain (none too), kept in memory (the cache {@value #CACHE}): every
 * message for another ISP asks. Forgotten when this node changes a peer (at once and again once the change
 * has committed); another node's change is seen within {@link #TTL}. The peers handed out are shared:
 * callers only read them.
 */
@ApplicationScoped
public class PeerLookup {

    static final String CACHE = "peer-lookup";
    static final Duration TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    @Inject
    TransactionEnd transactionEnd;

    @Inject
    Caches caches;

    private NamedCache<String, Optional<Peer>> cache;

    @PostConstruct
    void create() {
        cache = caches.create(CACHE, MAX_ENTRIES, TTL);
    }

    public Optional<Peer> forDomain(String domain, Supplier<Optional<Peer>> load) {
        return cache.get(domain, d -> load.get());
    }

    /** The peers change in the current transaction. */
    public void changing() {
        transactionEnd.nowAndAfter(cache::forgetAll);
    }
}
