package org.universalim.registration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import org.universalim.address.UserNames;

import java.time.Instant;
import java.util.Objects;

/**
 * A user of this ISP in the Universal IM server's directory (425, database 427): written when the user
 * registers as universal or upgrades, and what the Universal IM server announces to its peers (520).
 */
@Entity
@Table(name = "UNIVERSAL_ENTRY", uniqueConstraints = {
        @UniqueConstraint(name = "UQ_UNIVERSAL_NAME", columnNames = "USER_NAME"),
        @UniqueConstraint(name = "UQ_UNIVERSAL_SUBSCRIBER", columnNames = "SUBSCRIBER_ID")})
@NamedQuery(name = UniversalEntry.BY_NAME, query = "SELECT u FROM UniversalEntry u WHERE u.userName = :name")
@NamedQuery(name = UniversalEntry.COUNT_BY_NAME, query = "SELECT COUNT(u) FROM UniversalEntry u WHERE u.userName = :name")
public class UniversalEntry {

    public static final String BY_NAME = "UniversalEntry.byName";
    public static final String COUNT_BY_NAME = "UniversalEntry.countByName";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "universalIds")
    @TableGenerator(name = "universalIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "UNIVERSAL_ENTRY", allocationSize = 50)
    private Long id;

    @Column(name = "USER_NAME", length = UserNames.MAX_LENGTH, nullable = false, updatable = false)
    private String userName;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "SUBSCRIBER_ID", nullable = false, updatable = false)
    private Subscriber subscriber;

    @Column(name = "ENROLLED_AT", nullable = false, updatable = false)
    private Instant enrolledAt;

    protected UniversalEntry() {
        // for JPA
    }

    public UniversalEntry(Subscriber subscriber, Instant enrolledAt) {
        this.subscriber = Objects.requireNonNull(subscriber);
        this.userName = subscriber.userName();
        this.enrolledAt = Objects.requireNonNull(enrolledAt);
    }

    public Long id() {
        return id;
    }

    public String userName() {
        return userName;
    }

    public Subscriber subscriber() {
        return subscriber;
    }

    public Instant enrolledAt() {
        return enrolledAt;
    }
}
