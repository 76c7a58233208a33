package org.universalim.privacy.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.privacy.control.BlockSet;
import org.universalim.privacy.entity.BlockedAddress;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A user's block list, one for every protocol (the Local protocol's {@code block.*} frames, {@code /api/v1/me/blocks},
 * the web client, and XEP-0191 once its handler calls this bean): list, block, unblock. Blocking is idempotent;
 * the change reaches the message path at once on this node ({@link PrivacyGate}).
 */
@Stateless
public class BlockList {

    /** The most entries a user's list holds. */
    public static final int MAX_ENTRIES = 1_000;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    PrivacyGate gate;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Event<BlockChanged> changed;

    @Inject
    Logger log;

    /** The owner's list, by address. */
    public List<BlockView> list(String owner) {
        return em.createNamedQuery(BlockedAddress.OF_OWNER, BlockedAddress.class).setParameter("owner", owner)
                .getResultStream().map(BlockList::view).toList();
    }

    /** The owner's entries as kept, for the message path's memory. */
    public List<String> entries(String owner) {
        return em.createNamedQuery(BlockedAddress.OF_OWNER, BlockedAddress.class).setParameter("owner", owner)
                .getResultStream().map(BlockedAddress::address).toList();
    }

    /**
     * Blocks an address (a user's) or a domain; blocking what is blocked already changes nothing.
     *
     * @throws InvalidRequestException {@code address} when it is neither, or names the owner
     * @throws ConflictException       {@code block_list_full} beyond {@value #MAX_ENTRIES} entries
     */
    public BlockView block(String owner, String addressText) {
        String entry = normalized(owner, addressText);
        Optional<BlockedAddress> existing = find(owner, entry);
        if (existing.isPresent()) {
            return view(existing.get());
        }
        long count = em.createQuery("SELECT COUNT(b) FROM BlockedAddress b WHERE b.owner = :owner", Long.class)
                .setParameter("owner", owner).getSingleResult();
        if (count >= MAX_ENTRIES) {
            throw new ConflictException("block_list_full", "a block list holds at most " + MAX_ENTRIES + " addresses");
        }
        BlockedAddress blocked = new BlockedAddress(owner, entry, clock.instant());
        em.persist(blocked);
        gate.changing(owner);
        changed.fire(new BlockChanged(owner, entry, true));
        log.fine(() -> owner + " blocked " + entry);
        return view(blocked);
    }

    /**
     * Unblocks an address or domain.
     *
     * @throws NotFoundException when it is not blocked
     */
    public void unblock(String owner, String addressText) {
        String entry = normalized(owner, addressText);
        BlockedAddress blocked = find(owner, entry)
                .orElseThrow(() -> new NotFoundException(entry + " is not on your block list"));
        em.remove(blocked);
        gate.changing(owner);
        changed.fire(new BlockChanged(owner, entry, false));
        log.fine(() -> owner + " unblocked " + entry);
    }

    /** Blocks several addresses at once (XEP-0191's block with items): all or, on the first refusal, none. */
    public List<BlockView> blockAll(String owner, List<String> addresses) {
        return addresses.stream().map(a -> block(owner, a)).toList();
    }

    /** Unblocks several addresses at once; what is not blocked is passed over (XEP-0191's unblock with items). */
    public void unblockAll(String owner, List<String> addresses) {
        for (String a : addresses) {
            String entry = normalized(owner, a);
            find(owner, entry).ifPresent(blocked -> {
                em.remove(blocked);
                changed.fire(new BlockChanged(owner, entry, false));
            });
        }
        gate.changing(owner);
    }

    /** Empties the owner's list (XEP-0191's unblock-all); answers how many entries went. */
    public int unblockAll(String owner) {
        List<BlockedAddress> all = em.createNamedQuery(BlockedAddress.OF_OWNER, BlockedAddress.class)
                .setParameter("owner", owner).getResultList();
        for (BlockedAddress b : all) {
            em.remove(b);
            changed.fire(new BlockChanged(owner, b.address(), false));
        }
        gate.changing(owner);
        return all.size();
    }

    private Optional<BlockedAddress> find(String owner, String entry) {
        return em.createNamedQuery(BlockedAddress.BY_ADDRESS, BlockedAddress.class).setParameter("owner", owner)
                .setParameter("address", entry).getResultStream().findFirst();
    }

    private String normalized(String owner, String text) {
        String entry;
        try {
            entry = BlockSet.normalize(text);
        } catch (InvalidAddressException e) {
            throw new InvalidRequestException("address", e.getMessage());
        }
        if (entry.length() > BlockedAddress.MAX_ADDRESS) {
            throw new InvalidRequestException("address", "an address has at most " + BlockedAddress.MAX_ADDRESS + " characters");
        }
        if (!BlockSet.isDomain(entry)) {
            UserId id = UserId.parse(entry);
            if (isp.isLocal(id) && id.localPart().equals(owner)) {
                throw new InvalidRequestException("address", "you cannot block yourself");
            }
        }
        return entry;
    }

    private static BlockView view(BlockedAddress b) {
        return new BlockView(b.address(), BlockSet.isDomain(b.address()), b.blockedAt());
    }
}
