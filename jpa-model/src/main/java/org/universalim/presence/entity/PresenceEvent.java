package org.universalim.presence.entity;

import jakarta.persistence.Column;
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

import java.time.Instant;

/**
 * One line of presence history (R7): a device logged on, logged off or changed state, and when. The
 * availability windows are computed from these.
 */
@Entity
@Table(name = "PRESENCE_EVENT", indexes = @Index(name = "IX_PRESENCE_EVENT_USER_AT", columnList = "USER_NAME, OCCURRED_AT"))
@NamedQuery(name = PresenceEvent.OF_USER_SINCE, query = "SELECT e FROM PresenceEvent e WHERE e.userName = :user "
        + "AND e.at >= :since ORDER BY e.at, e.id")
@NamedQuery(name = PresenceEvent.LAST_BEFORE, query = "SELECT e FROM PresenceEvent e WHERE e.userName = :user "
        + "AND e.at < :before AND e.at = (SELECT MAX(x.at) FROM PresenceEvent x WHERE x.userName = :user "
        + "AND x.deviceName = e.deviceName AND x.at < :before) ORDER BY e.id")
public class PresenceEvent {

    public static final String OF_USER_SINCE = "PresenceEvent.ofUserSince";
    public static final String LAST_BEFORE = "PresenceEvent.lastBefore";

    /** What happened. */
    public enum Kind { LOG_ON, LOG_OFF, STATE_CHANGE }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "presenceEventIds")
    @TableGenerator(name = "presenceEventIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "PRESENCE_EVENT", allocationSize = 200)
    private Long id;

    @Column(name = "USER_NAME", length = 32, nullable = false, updatable = false)
    private String userName;

    @Column(name = "DEVICE_NAME", length = Device.MAX_NAME, nullable = false, updatable = false)
    private String deviceName;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 16, nullable = false, updatable = false)
    private Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false, updatable = false)
    private DeviceState state;

    @Column(name = "OCCURRED_AT", nullable = false, updatable = false)
    private Instant at;

    protected PresenceEvent() {
        // for JPA
    }

    public PresenceEvent(String userName, String deviceName, Kind kind, DeviceState state, Instant at) {
        this.userName = userName;
        this.deviceName = deviceName;
        this.kind = kind;
        this.state = state;
        this.at = at;
    }

    public Long id() {
        return id;
    }

    public String userName() {
        return userName;
    }

    public String deviceName() {
        return deviceName;
    }

    public Kind kind() {
        return kind;
    }

    public DeviceState state() {
        return state;
    }

    public Instant at() {
        return at;
    }
}
