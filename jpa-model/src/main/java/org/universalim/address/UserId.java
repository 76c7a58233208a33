package org.universalim.address;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.io.Serializable;
import java.util.Objects;

/**
 * A USERID: a normalised user name, {@code @}, and the domain it was addressed at, for example
 * {@code alice@isp-a.example} (the Local IM server's address) or {@code alice@isp-a-u.example} (the same
 * person's universal address). The only parser and printer of addresses in the project.
 *
 * <p>The domain ("network extension") alone decides routing; with a {@link UniversalMarker} the address
 * tells which ISP it belongs to, whether it is universal, and whether it is local to a given ISP.
 */
@Embeddable
@Access(AccessType.FIELD)
public class UserId implements Serializable, Comparable<UserId> {

    private static final long serialVersionUID = 1L;

    @Column(name = "LOCAL_PART", length = UserNames.MAX_LENGTH, nullable = false)
    private String localPart;

    @Column(name = "DOMAIN", length = Domains.MAX_LENGTH, nullable = false)
    private String domain;

    protected UserId() {
        // for JPA
    }

    private UserId(String localPart, String domain) {
        this.localPart = localPart;
        this.domain = domain;
    }

    /** Builds an address from a user name and a domain, normalising and checking both. */
    public static UserId of(String userName, String domain) {
        return new UserId(UserNames.normalize(userName), Domains.normalize(domain));
    }

    /**
     * Parses {@code name@domain}. Case, surrounding blanks and Unicode compatibility forms are
     * normalised away.
     *
     * @throws InvalidAddressException when the text is not an address
     */
    public static UserId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidAddressException("an address is required");
        }
        String address = text.strip();
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            throw new InvalidAddressException("an address has the form name@domain, not '" + address + "'");
        }
        if (address.indexOf('/') >= 0) {
            throw new InvalidAddressException("an address has no '/' part: '" + address + "'");
        }
        return of(address.substring(0, at), address.substring(at + 1));
    }

    /**
     * An address read back from a column that should hold one: parsed as {@link #parse} does, or, for a stored text
     * that is not an address (a row written before the column was checked), kept exactly as stored, split at its last
     * {@code @} (or all domain when it has none), so that it prints back to the same text and never equals a real
     * address. Never throws: reading a row must not fail on its content.
     */
    public static UserId fromStored(String text) {
        try {
            UserId id = parse(text);
            if (id.toString().equals(text)) {
                return id;
            }
        } catch (InvalidAddressException e) {
            // kept as stored, below
        }
        int at = text.lastIndexOf('@');
        return at < 0 ? new UserId("", text) : new UserId(text.substring(0, at), text.substring(at + 1));
    }

    /** Whether this address was read or built by the rules (false only for a stored text kept as stored). */
    public boolean isWellFormed() {
        try {
            return parse(toString()).toString().equals(toString());
        } catch (InvalidAddressException e) {
            return false;
        }
    }

    public String localPart() {
        return localPart;
    }

    /** The domain exactly as addressed, with its marker if it has one. */
    public String domain() {
        return domain;
    }

    /** The ISP the address belongs to, without the universal marker. */
    public String ispDomain(UniversalMarker marker) {
        return marker.ispDomainOf(domain);
    }

    /** Whether this is the address of a Universal IM server (R2). */
    public boolean isUniversal(UniversalMarker marker) {
        return marker.isUniversal(domain);
    }

    /** Whether this address belongs to the given ISP, at its local or its universal domain. */
    public boolean isLocalTo(String ispDomain, UniversalMarker marker) {
        return ispDomain(marker).equals(ispDomain);
    }

    /** Whether this address belongs to another ISP than the given one. */
    public boolean isForeignTo(String ispDomain, UniversalMarker marker) {
        return !isLocalTo(ispDomain, marker);
    }

    /** The same person's universal address. */
    public UserId toUniversal(UniversalMarker marker) {
        return isUniversal(marker) ? this : new UserId(localPart, marker.universalDomainOf(domain));
    }

    /** The same person's address at the Local IM server. */
    public UserId toLocal(UniversalMarker marker) {
        return isUniversal(marker) ? new UserId(localPart, marker.ispDomainOf(domain)) : this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserId other && other.localPart.equals(localPart) && other.domain.equals(domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localPart, domain);
    }

    @Override
    public int compareTo(UserId o) {
        int byDomain = domain.compareTo(o.domain);
        return byDomain != 0 ? byDomain : localPart.compareTo(o.localPart);
    }

    /** Prints the address as {@code name@domain}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return localPart.isEmpty() ? domain : localPart + "@" + domain;
    }
}
