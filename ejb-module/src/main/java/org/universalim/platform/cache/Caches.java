package org.universalim.platform.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the application's in-memory caches are made (as Openfire's {@code CacheFactory}): each is named,
 * bounded in size and entry age, and listed here, so the metrics show every cache's size, hits, misses and
 * evictions ({@code monitoring.boundary.ServerMetrics}).
 */
@ApplicationScoped
public class Caches {

    private final Map<String, NamedCache<?, ?>> all = new ConcurrentHashMap<>();

    /** A new cache (or the one of that name already made). */
    @SuppressWarnings("unchecked")
    public <K, V> NamedCache<K, V> create(String name, long maximumSize, Duration timeToLive) {
        return (NamedCache<K, V>) all.computeIfAbsent(name, n -> new NamedCache<>(n, maximumSize, timeToLive, Ticker.systemTicker()));
    }

    /** Every cache made so far. */
    public Collection<NamedCache<?, ?>> all() {
        return List.copyOf(all.values());
    }

    /** A cache outside the container, on the given clock (for tests). */
    public static <K, V> NamedCache<K, V> standalone(String name, long maximumSize, Duration timeToLive, Ticker ticker) {
        return new NamedCache<>(name, maximumSize, timeToLive, ticker);
    }
}
