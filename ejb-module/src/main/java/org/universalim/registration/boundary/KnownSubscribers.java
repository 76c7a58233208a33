package org.universalim.registration.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.address.UserNames;
import org.universalim.platform.TransactionEnd;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;

import java.time.Duration;
import java.util.Optional;

/**
 * What a message needs of a subscriber (that the user name exists, whether it is universal: routing, and how
 * {@link AddressDisplay} shows the user; whether the account is enabled: a message from another ISP), kept in memory
 * (the cache {@value #CACHE}) so that a message does not read the subscriber table at all when its users wrote or
 * received one lately. Only subscribers that exist are remembered (a name registered a moment ago is never refused),
 * and only for {@link #TTL}: an account upgraded to universal, disabled, enabled or deleted on this node is forgotten
 * at once (through {@link #forget} or its event), one changed on another node of the ISP within that time.
 */
@ApplicationScoped
public class KnownSubscribers {

    static final String CACHE = "known-subscribers";
    /** How long a subscriber's facts are trusted without reading them again. */
    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 200_000;

    /** A subscriber as a message sees it: whether they are universal, and whether their account is enabled. */
    public record Facts(String userName, boolean universal, boolean enabled) {
    }

    @Inject
    Caches caches;

    @EJB
    LocalRegistrar registrar;

    @Inject
    TransactionEnd transactionEnd;

    private NamedCache<String, Facts> cache;

    @PostConstruct
    void create() {
        cache = caches.create(CACHE, MAX_ENTRIES, TTL);
    }

    /** The facts of the user of this name (normalised here; none for a malformed name), from memory or the registrar. */
    public Optional<Facts> find(String userName) {
        return UserNames.normalized(userName).map(name -> cache.get(name, n -> registrar.find(n)
                .map(s -> new Facts(s.userName(), s.isUniversal(), !s.isDisabled())).orElse(null)));
    }

    /** The user's facts changed (upgraded to universal): the next lookup reads them again. */
    public void forget(String userName) {
        cache.forget(userName);
    }

    /** The user's facts change in the current transaction (an account enabled): forgotten now and once it ends. */
    public void changing(String userName) {
        transactionEnd.nowAndAfter(() -> cache.forget(userName));
    }

    void upgraded(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserUpgraded upgrade) {
        forget(upgrade.userName());
    }

    /** The account was disabled or deleted (or its password changed) on this node: read again at the next lookup. */
    void locked(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountLocked locked) {
        forget(locked.userName());
    }
}
