package org.universalim.privacy.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.platform.TransactionEnd;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;
import org.universalim.privacy.control.Admission;
import org.universalim.privacy.control.BlockSet;
import org.universalim.privacy.control.PrivacySettings;
import org.universalim.privacy.control.StrangerRule;
import org.universalim.privacy.entity.StrangerPolicy;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the message path, presence and the roster ask of a user's privacy, answered from memory (the cache
 * {@value #CACHE}: each user's block list and stranger policy, read once): whether the user blocks an address, and
 * what becomes of a message from a sender ({@link Admission}). A change on this node is forgotten at once and again
 * when its transaction ends (as {@code DeliveryFacts}); one made on another node of the ISP applies here within
 * {@link #TTL}.
 */
@ApplicationScoped
public class PrivacyGate {

    static final String CACHE = "privacy";
    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 200_000;

    /** One user's privacy as the message path needs it. */
    record Facts(BlockSet blocks, StrangerPolicy strangers) {
    }

    @EJB
    BlockList blockList;

    @EJB
    StrangerPolicies policies;

    @Inject
    PrivacySettings settings;

    @Inject
    IspSettings isp;

    @Inject
    TransactionEnd transactionEnd;

    @Inject
    Caches caches;

    private NamedCache<String, Facts> cache;

    @PostConstruct
    void create() {
        cache = caches.create(CACHE, MAX_ENTRIES, TTL);
    }

    /** Whether the local user {@code owner} blocks this address (by itself or by its domain). */
    public boolean blocks(String owner, UserId address) {
        return owner != null && address != null && facts(owner).blocks().blocks(address);
    }

    /** Whether the local user {@code owner} blocks a whole domain (a remote server addressing the user itself). */
    public boolean blocksDomain(String owner, String domain) {
        try {
            return owner != null && facts(owner).blocks().blocksDomain(domain);
        } catch (InvalidAddressException malformed) {
            return false;
        }
    }

    /** {@link #blocks(String, UserId)} for an address as text; a malformed one is not blocked. */
    public boolean blocks(String owner, String address) {
        if (address == null) {
            return false;
        }
        try {
            return blocks(owner, UserId.parse(address));
        } catch (InvalidAddressException malformed) {
            return false;
        }
    }

    /** Whether either of two local users blocks the other: then neither sees the other's presence. */
    public boolean apart(String userA, String userB) {
        return blocks(userA, isp.localAddress(userB)) || blocks(userB, isp.localAddress(userA));
    }

    /** What the user accepts from strangers, theirs or the ISP's default. */
    public StrangerPolicy strangers(String user) {
        return facts(user).strangers();
    }

    /**
     * What becomes of a message from {@code sender} to the local user {@code recipient}; whether the sender is
     * on the recipient's roster is asked only when the recipient's policy makes it matter.
     */
    public Admission message(String recipient, UserId sender, BooleanSupplier senderIsContact) {
        Facts f = facts(recipient);
        return StrangerRule.decide(f.blocks().blocks(sender), f.strangers(), senderIsContact);
    }

    /** The user's privacy changes in the current transaction: forgotten now and once it ends. */
    public void changing(String user) {
        transactionEnd.nowAndAfter(() -> cache.forget(user));
    }

    private Facts facts(String user) {
        return cache.get(user, u -> new Facts(BlockSet.of(blockList.entries(u), isp.marker()),
                policies.choice(u).orElse(settings.strangersDefault())));
    }
}
