package org.universalim.clientprotocol.xmpp;

import org.universalim.address.Domains;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;

/**
 * An XMPP address (RFC 7622): {@code [local@]domain[/resource]}. The bare part of a user's JID is a
 * {@link UserId} (the project's one address parser); the resource is a device name (R3).
 *
 * @param local    {@code null} for a server's JID
 * @param resource {@code null} for a bare JID
 */
public record Jid(String local, String domain, String resource) {

    public static final int MAX_RESOURCE = 1023;

    /**
     * Parses a JID; local part and domain are normalised as {@link UserId} does.
     *
     * @throws IllegalArgumentException when the text is not a JID we can route
     */
    public static Jid parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address is required");
        }
        String s = text.strip();
        String resource = null;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            resource = s.substring(slash + 1);
            s = s.substring(0, slash);
            if (resource.isEmpty() || resource.length() > MAX_RESOURCE) {
                throw new IllegalArgumentException("a resource has 1 to " + MAX_RESOURCE + " characters");
            }
        }
        try {
            if (s.indexOf('@') < 0) {
                return new Jid(null, Domains.normalize(s), resource);
            }
            UserId bare = UserId.parse(s);
            return new Jid(bare.localPart(), bare.domain(), resource);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static Jid of(UserId user, String resource) {
        return new Jid(user.localPart(), user.domain(), resource);
    }

    public static Jid domain(String domain) {
        return new Jid(null, domain, null);
    }

    public boolean isDomain() {
        return local == null;
    }

    public boolean isBare() {
        return resource == null;
    }

    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    public Jid withResource(String newResource) {
        return new Jid(local, domain, newResource);
    }

    /** The user's address without the resource; only for a user's JID. */
    public UserId userId() {
        if (local == null) {
            throw new IllegalStateException(domain + " is a server, not a user");
        }
        return UserId.of(local, domain);
    }

    @Override
    public String toString() {
        return (local == null ? "" : local + "@") + domain + (resource == null ? "" : "/" + resource);
    }
}
