package org.universalim.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-time invitation to register (registration policy {@code invite}), made by the administrator or, when
 * the ISP allows it, by a user. Only the SHA-256 of its token is kept: the token itself is shown once, to
 * whoever made it (as an XEP-0401 {@code xmpp:domain?register;preauth=TOKEN} URI).
 */
@Entity
@Table(name = "INVITATION", uniqueConstraints = @UniqueConstraint(name = "UQ_INVITATION_TOKEN", columnNames = "TOKEN_HASH"))
@NamedQuery(name = Invitation.ALL, query = "SELECT i FROM Invitation i ORDER BY i.createdAt DESC")
@NamedQuery(name = Invitation.BY_CREATOR, query = "SELECT i FROM Invitation i WHERE i.createdBy = :creator "
        + "ORDER BY i.createdAt DESC")
@NamedQuery(name = Invitation.BY_TOKEN_HASH, query = "SELECT i FROM Invitation i WHERE i.tokenHash = :hash")
public class Invitation {

    public static final String ALL = "Invitation.all";
    public static final String BY_CREATOR = "Invitation.byCreator";
    public static final String BY_TOKEN_HASH = "Invitation.byTokenHash";

    /** Whoever made an invitation on the administrator's side. */
    public static final String ADMINISTRATOR = "@admin";

    /** A short random id to name the invitation by (the token is not kept). */
    @Id
    @Column(name = "ID", length = 32)
    private String id;

    /** Base64url SHA-256 of the token. */
    @Column(name = "TOKEN_HASH", length = 64, nullable = false, updatable = false)
    private String tokenHash;

    /** A user name, or {@link #ADMINISTRATOR}. */
    @Column(name = "CREATED_BY", length = 32, nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "EXPIRES_AT", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "USED_AT")
    private Instant usedAt;

    /** The user name registered with it. */
    @Column(name = "USED_BY", length = 32)
    private String usedBy;

    protected Invitation() {
        // for JPA
    }

    public Invitation(String id, String tokenHash, String createdBy, Instant createdAt, Instant expiresAt) {
        this.id = Objects.requireNonNull(id);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    /** Whether a registration may use it now: not used, not expired. */
    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    public void usedBy(String userName, Instant at) {
        this.usedBy = userName;
        this.usedAt = at;
    }

    public String id() {
        return id;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant usedAt() {
        return usedAt;
    }

    public String usedBy() {
        return usedBy;
    }
}
