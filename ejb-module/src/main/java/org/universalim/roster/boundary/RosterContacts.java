package org.universalim.roster.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.TransactionEnd;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;

import java.time.Duration;
import java.util.Set;

/**
 * Whether an address is one of a user's contacts (on the user's roster), answered from memory (the cache
 * {@value #CACHE}, each user's contact keys read once): the message path asks it to tell a contact from a stranger
 * ({@code privacy}), only for users whose stranger policy makes it matter. Every roster item added or removed on
 * this node forgets its owner now and once the transaction ends; on another node of the ISP within {@link #TTL}.
 */
@ApplicationScoped
public class RosterContacts {

    static final String CACHE = "roster-contacts";
    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 50_000;

    @EJB
    RosterItems items;

    @Inject
    TransactionEnd transactionEnd;

    @Inject
    Caches caches;

    private NamedCache<String, Set<UserId>> cache;

    @PostConstruct
    void create() {
        cache = caches.create(CACHE, MAX_ENTRIES, TTL);
    }

    /** Whether {@code owner}'s roster holds the contact key (a local user's local address, else the address). */
    public boolean holds(String owner, UserId contactKey) {
        return cache.get(owner, o -> Set.copyOf(items.contactKeys(o))).contains(contactKey);
    }

    /** The owner's roster changes in the current transaction. */
    public void changing(String owner) {
        transactionEnd.nowAndAfter(() -> cache.forget(owner));
    }
}
