package org.universalim.routing.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;
import org.universalim.registration.boundary.UserUpgraded;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What routing needs of a subscriber (that the user name exists, and whether it is universal), kept in
 * memory (the cache {@value #CACHE}) so that a message does not read the subscriber table twice. Only
 * subscribers that exist are remembered (a name registered a moment ago is never refused), and only for
 * {@link #TTL}: an account upgraded to universal (the one change of these facts) on this node is forgotten
 * at once through {@link #forget}, one upgraded on another node of the ISP within that time.
 */
@ApplicationScoped
public class KnownSubscribers {

    static final String CACHE = "known-subscribers";
    /** How long a subscriber's facts are trusted without reading them again. */
    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 200_000;

    /** A subscriber as routing sees it. */
    public record Facts(String userName, boolean universal) {
    }

    @Inject
    Caches caches;

    private NamedCache<String, Facts> cache;

    @PostConstruct
    void create() {
        cache = caches.create(CACHE, MAX_ENTRIES, TTL);
    }

    /** The facts of the user with this (normalised) name, from memory or from {@code load}. */
    public Optional<Facts> find(String userName, Function<String, Optional<Facts>> load) {
        return Optional.ofNullable(cache.get(userName, name -> load.apply(name).orElse(null)));
    }

    /** The user's facts changed (upgraded to universal): the next lookup reads them again. */
    public void forget(String userName) {
        cache.forget(userName);
    }

    void upgraded(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserUpgraded upgrade) {
        forget(upgrade.userName());
    }
}
