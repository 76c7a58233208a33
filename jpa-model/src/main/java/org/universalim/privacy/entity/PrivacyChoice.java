package org.universalim.privacy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A local user's own privacy choice: what they accept from strangers. A user without one follows the ISP's
 * default ({@code privacy.strangers.default}).
 */
@Entity
@Table(name = "PRIVACY_CHOICE")
@NamedQuery(name = PrivacyChoice.DELETE_OF_USER, query = "DELETE FROM PrivacyChoice p WHERE p.userName = :user")
public class PrivacyChoice {

    public static final String DELETE_OF_USER = "PrivacyChoice.deleteOfUser";

    @Id
    @Column(name = "USER_NAME", length = 32)
    private String userName;

    @Enumerated(EnumType.STRING)
    @Column(name = "STRANGER_POLICY", length = 16, nullable = false)
    private StrangerPolicy strangers;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected PrivacyChoice() {
        // for JPA
    }

    public PrivacyChoice(String userName, StrangerPolicy strangers, Instant at) {
        this.userName = Objects.requireNonNull(userName);
        choose(strangers, at);
    }

    public final void choose(StrangerPolicy policy, Instant at) {
        this.strangers = Objects.requireNonNull(policy);
        this.updatedAt = at;
    }

    public String userName() {
        return userName;
    }

    public StrangerPolicy strangers() {
        return strangers;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
