package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.universalim.registration.boundary.UserUpgraded;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What routing needs of a subscriber (that the user name exists, and whether it is universal), kept in
 * memory so that a message does not read the subscriber table twice. Only subscribers that exist are
 * remembered (a name registered a moment ago is never refused), and only for {@link #TTL_SECONDS}
 * seconds: an account upgraded to universal (the one change of these facts) on this node is forgotten
 * at once through {@link #forget}, one upgraded on another node of the ISP within that time.
 */
@ApplicationScoped
public class KnownSubscribers {

    /** How long a subscriber's facts are trusted without reading them again. */
    static final long TTL_SECONDS = 30;
    /** Above this many entries the table starts again from empty (a bound on memory, not an LRU). */
    static final int MAX_ENTRIES = 200_000;

    /** A subscriber as routing sees it. */
    public record Facts(String userName, boolean universal) {
    }

    private record Entry(Facts facts, long expiresNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The facts of the user with this (normalised) name, from memory or from {@code load}. */
    public Optional<Facts> find(String userName, Function<String, Optional<Facts>> load) {
        long now = System.nanoTime();
        Entry e = entries.get(userName);
        if (e != null && now - e.expiresNanos() < 0) {
            return Optional.of(e.facts());
        }
        Optional<Facts> loaded = load.apply(userName);
        if (loaded.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(userName, new Entry(loaded.get(), now + TimeUnit.SECONDS.toNanos(TTL_SECONDS)));
        } else {
            entries.remove(userName);
        }
        return loaded;
    }

    /** The user's facts changed (upgraded to universal): the next lookup reads them again. */
    public void forget(String userName) {
        entries.remove(userName);
    }

    void upgraded(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserUpgraded upgrade) {
        forget(upgrade.userName());
    }
}
