package org.universalim.presence.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import org.universalim.address.UserId;
import org.universalim.address.UserIdConverter;

import java.time.Instant;
import java.util.Objects;

/**
 * An availability alert (R7): a watcher asks to be told when a contact becomes available, optionally only
 * inside a time window. It fires at most once and expires after its window.
 */
@Entity
@Table(name = "AVAILABILITY_ALERT", indexes = {
        @Index(name = "IX_ALERT_TARGET_STATE", columnList = "TARGET, STATE"),
        @Index(name = "IX_ALERT_WATCHER", columnList = "WATCHER")})
@NamedQuery(name = AvailabilityAlert.PENDING_FOR_TARGET, query = "SELECT a FROM AvailabilityAlert a WHERE "
        + "a.target = :target AND a.state = :pending")
@NamedQuery(name = AvailabilityAlert.OF_WATCHER, query = "SELECT a FROM AvailabilityAlert a WHERE a.watcher = :watcher "
        + "ORDER BY a.createdAt DESC, a.id DESC")
@NamedQuery(name = AvailabilityAlert.PENDING_STARTED, query = "SELECT a FROM AvailabilityAlert a WHERE "
        + "a.state = :pending AND a.notBefore <= :now")
public class AvailabilityAlert {

    public static final String PENDING_FOR_TARGET = "AvailabilityAlert.pendingForTarget";
    public static final String OF_WATCHER = "AvailabilityAlert.ofWatcher";
    public static final String PENDING_STARTED = "AvailabilityAlert.pendingStarted";

    /** Where an alert is in its life. */
    public enum State { PENDING, FIRED, EXPIRED, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "alertIds")
    @TableGenerator(name = "alertIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "AVAILABILITY_ALERT", allocationSize = 50)
    private Long id;

    @Version
    private long version;

    /** The local user who asked (user name). */
    @Column(name = "WATCHER", length = 32, nullable = false, updatable = false)
    private String watcher;

    /** The contact's address, local or foreign. */
    @Basic(optional = false)
    @Convert(converter = UserIdConverter.class)
    @Column(name = "TARGET", length = 300, nullable = false, updatable = false)
    private UserId target;

    @Column(name = "NOT_BEFORE", nullable = false, updatable = false)
    private Instant notBefore;

    @Column(name = "EXPIRES_AT", nullable = false, updatable = false)
    private Instant expiresAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private State state = State.PENDING;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "FIRED_AT")
    private Instant firedAt;

    @Column(name = "FIRED_DEVICE", length = Device.MAX_NAME)
    private String firedDevice;

    protected AvailabilityAlert() {
        // for JPA
    }

    public AvailabilityAlert(String watcher, UserId target, Instant notBefore, Instant expiresAt, Instant createdAt) {
        if (!expiresAt.isAfter(notBefore)) {
            throw new IllegalArgumentException("an alert window ends after it starts");
        }
        this.watcher = Objects.requireNonNull(watcher);
        this.target = Objects.requireNonNull(target);
        this.notBefore = notBefore;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    /** Whether the alert may fire at that instant: pending and inside its window. */
    public boolean canFireAt(Instant now) {
        return state == State.PENDING && !now.isBefore(notBefore) && now.isBefore(expiresAt);
    }

    /** Fires the alert once; a second call changes nothing and answers {@code false}. */
    public boolean fire(Instant now, String device) {
        if (!canFireAt(now)) {
            return false;
        }
        state = State.FIRED;
        firedAt = now;
        firedDevice = device;
        return true;
    }

    /** Expires a pending alert whose window has passed. */
    public boolean expireIfDue(Instant now) {
        if (state == State.PENDING && !now.isBefore(expiresAt)) {
            state = State.EXPIRED;
            return true;
        }
        return false;
    }

    public boolean cancel() {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        return true;
    }

    public Long id() {
        return id;
    }

    public String watcher() {
        return watcher;
    }

    public UserId target() {
        return target;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant firedAt() {
        return firedAt;
    }

    public String firedDevice() {
        return firedDevice;
    }
}
