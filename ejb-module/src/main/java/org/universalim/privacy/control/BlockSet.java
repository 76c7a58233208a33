package org.universalim.privacy.control;

import org.universalim.address.Domains;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UniversalMarker;
import org.universalim.address.UserId;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * One user's block list as the message path asks it: whether an address is blocked, by itself or by its whole
 * domain. A user of an ISP is one person under both their local and their universal address, so both match an
 * entry written either way ({@code bob@isp-b.example} blocks {@code bob@isp-b-u.example} too; the domain
 * {@code isp-b.example} blocks both of ISP B's domains).
 */
public final class BlockSet {

    public static final BlockSet EMPTY = new BlockSet(Set.of(), Set.of(), UniversalMarker.DEFAULT);

    private final Set<String> users;
    private final Set<String> domains;
    private final UniversalMarker marker;

    private BlockSet(Set<String> users, Set<String> domains, UniversalMarker marker) {
        this.users = users;
        this.domains = domains;
        this.marker = marker;
    }

    /** The set of normalised entries ({@link #normalize}); an entry that no longer reads is left out. */
    public static BlockSet of(Collection<String> entries, UniversalMarker marker) {
        if (entries.isEmpty()) {
            return new BlockSet(Set.of(), Set.of(), marker);
        }
        Set<String> users = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (String entry : entries) {
            try {
                if (isDomain(entry)) {
                    domains.add(marker.ispDomainOf(Domains.normalize(entry)));
                } else {
                    users.add(key(UserId.parse(entry), marker));
                }
            } catch (InvalidAddressException unreadable) {
                // written by an older rule: it blocks nothing
            }
        }
        return new BlockSet(Set.copyOf(users), Set.copyOf(domains), marker);
    }

    /** Whether anything from this address is blocked. */
    public boolean blocks(UserId address) {
        if (users.isEmpty() && domains.isEmpty()) {
            return false;
        }
        String isp = marker.ispDomainOf(address.domain());
        return domains.contains(isp) || users.contains(address.localPart() + "@" + isp);
    }

    /** Whether a whole domain is blocked (an IQ from a remote server itself, RFC 6120 10.5.4). */
    public boolean blocksDomain(String domain) {
        return !domains.isEmpty() && domain != null && domains.contains(marker.ispDomainOf(Domains.normalize(domain)));
    }

    public boolean isEmpty() {
        return users.isEmpty() && domains.isEmpty();
    }

    /** An entry without {@code @} is a whole domain. */
    public static boolean isDomain(String entry) {
        return entry.indexOf('@') < 0;
    }

    /**
     * The form an entry is kept in: a user's address ({@code name@domain}) or a domain, normalised as addresses
     * are everywhere.
     *
     * @throws InvalidAddressException when it is neither
     */
    public static String normalize(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new InvalidAddressException("an address (name@domain) or a domain is required");
        }
        return isDomain(entry) ? Domains.normalize(entry) : UserId.parse(entry).toString();
    }

    private static String key(UserId id, UniversalMarker marker) {
        return id.localPart() + "@" + marker.ispDomainOf(id.domain());
    }
}
