package org.universalim.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * The name of a deleted account, kept from registration until {@code reusableAt} (the grace period,
 * {@code account.name.grace.days}), so that nobody takes over a name its contacts, here and at other ISPs, still
 * know.
 */
@Entity
@Table(name = "RETIRED_NAME")
public class RetiredName {

    @Id
    @Column(name = "USER_NAME", length = 32)
    private String userName;

    @Column(name = "RETIRED_AT", nullable = false)
    private Instant retiredAt;

    @Column(name = "REUSABLE_AT", nullable = false)
    private Instant reusableAt;

    protected RetiredName() {
        // for JPA
    }

    public RetiredName(String userName, Instant retiredAt, Instant reusableAt) {
        this.userName = Objects.requireNonNull(userName);
        retire(retiredAt, reusableAt);
    }

    /** Retired (again) now, until {@code until}. */
    public final void retire(Instant at, Instant until) {
        this.retiredAt = Objects.requireNonNull(at);
        this.reusableAt = Objects.requireNonNull(until);
    }

    /** Whether the name is still kept from registration at {@code now}. */
    public boolean heldAt(Instant now) {
        return now.isBefore(reusableAt);
    }

    public String userName() {
        return userName;
    }

    public Instant retiredAt() {
        return retiredAt;
    }

    public Instant reusableAt() {
        return reusableAt;
    }
}
