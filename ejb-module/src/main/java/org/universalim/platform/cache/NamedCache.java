package org.universalim.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.function.Function;

/**
 * A named, bounded in-memory cache over Caffeine: entries expire a fixed time after they were written and
 * the least useful go first beyond its size; hits, misses and evictions are counted for the metrics.
 *
 * <p>A value is loaded at most once at a time per key, and {@link #forget} waits for a load of the same key
 * under way and then removes what it loaded: a change that forgets a key once it has committed can never
 * leave behind a value read before it. A load returning null is not kept.
 */
public final class NamedCache<K, V> {

    private final String name;
    private final long maximumSize;
    private final Duration timeToLive;
    private final Cache<K, V> cache;

    NamedCache(String name, long maximumSize, Duration timeToLive, Ticker ticker) {
        this.name = name;
        this.maximumSize = maximumSize;
        this.timeToLive = timeToLive;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive).recordStats()
                // upkeep on the calling thread: no threads of the common pool inside the application server
                .executor(Runnable::run).ticker(ticker).build();
    }

    /** The value for the key, from memory or from {@code load} (kept unless null). */
    public V get(K key, Function<? super K, ? extends V> load) {
        return cache.get(key, load);
    }

    /** Keeps a value for the key (replacing one kept). */
    public void put(K key, V value) {
        cache.put(key, value);
    }

    /** The value kept for the key, or null; loads nothing. */
    public V peek(K key) {
        return cache.getIfPresent(key);
    }

    /** Forgets one key (waiting for a load of it under way). */
    public void forget(K key) {
        cache.invalidate(key);
    }

    public void forgetAll() {
        cache.invalidateAll();
    }

    public String name() {
        return name;
    }

    public long maximumSize() {
        return maximumSize;
    }

    public Duration timeToLive() {
        return timeToLive;
    }

    /** Entries held now (an estimate, as Caffeine counts). */
    public long size() {
        return cache.estimatedSize();
    }

    public long hits() {
        return cache.stats().hitCount();
    }

    public long misses() {
        return cache.stats().missCount();
    }

    public long evictions() {
        return cache.stats().evictionCount();
    }
}
