package org.universalim.privacy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a local user's block list, shared by every protocol: a user's address ({@code bob@isp-b.example})
 * or a whole domain ({@code isp-b.example}), as the owner gave it (normalised). Nothing from a blocked address
 * reaches the owner: messages, presence, subscription requests, connection requests.
 */
@Entity
@Table(name = "BLOCKED_ADDRESS", uniqueConstraints = @UniqueConstraint(name = "UQ_BLOCKED_OWNER_ADDRESS",
        columnNames = {"OWNER", "ADDRESS"}))
@NamedQuery(name = BlockedAddress.OF_OWNER, query = "SELECT b FROM BlockedAddress b WHERE b.owner = :owner ORDER BY b.address")
@NamedQuery(name = BlockedAddress.BY_ADDRESS, query = "SELECT b FROM BlockedAddress b WHERE b.owner = :owner "
        + "AND b.address = :address")
@NamedQuery(name = BlockedAddress.DELETE_OF_OWNER, query = "DELETE FROM BlockedAddress b WHERE b.owner = :owner")
public class BlockedAddress {

    public static final String OF_OWNER = "BlockedAddress.ofOwner";
    public static final String BY_ADDRESS = "BlockedAddress.byAddress";
    public static final String DELETE_OF_OWNER = "BlockedAddress.deleteOfOwner";

    /** The longest entry: an address (user name, {@code @}, domain). */
    public static final int MAX_ADDRESS = 290;

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "blockedAddressIds")
    @TableGenerator(name = "blockedAddressIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "BLOCKED_ADDRESS", allocationSize = 50)
    private Long id;

    /** The local user whose list this is. */
    @Column(name = "OWNER", length = 32, nullable = false, updatable = false)
    private String owner;

    /** A normalised address or domain. */
    @Column(name = "ADDRESS", length = MAX_ADDRESS, nullable = false, updatable = false)
    private String address;

    @Column(name = "BLOCKED_AT", nullable = false, updatable = false)
    private Instant blockedAt;

    protected BlockedAddress() {
        // for JPA
    }

    public BlockedAddress(String owner, String address, Instant blockedAt) {
        this.owner = Objects.requireNonNull(owner);
        this.address = Objects.requireNonNull(address);
        this.blockedAt = Objects.requireNonNull(blockedAt);
    }

    public String owner() {
        return owner;
    }

    public String address() {
        return address;
    }

    public Instant blockedAt() {
        return blockedAt;
    }
}
