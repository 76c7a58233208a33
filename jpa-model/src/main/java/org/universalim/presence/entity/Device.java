package org.universalim.presence.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.universalim.registration.entity.Subscriber;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One of a user's Internet devices and its presence (R3): type, name, connection options (links), the
 * states it can take and the one it is in, the applications it supports, its current endpoint and whether
 * that is fixed, and its security level (R4).
 */
@Entity
@Table(name = "DEVICE", uniqueConstraints = @UniqueConstraint(name = "UQ_DEVICE_OWNER_NAME", columnNames = {"OWNER_ID", "NAME"}))
@NamedQuery(name = Device.OF_OWNER, query = "SELECT d FROM Device d WHERE d.owner.userName = :owner ORDER BY d.registeredAt, d.id")
@NamedQuery(name = Device.BY_NAME, query = "SELECT d FROM Device d WHERE d.owner.userName = :owner AND d.name = :name")
@NamedQuery(name = Device.ONLINE, query = "SELECT d FROM Device d WHERE d.state <> org.universalim.presence.entity.DeviceState.OFFLINE")
public class Device {

    public static final String OF_OWNER = "Device.ofOwner";
    public static final String BY_NAME = "Device.byName";
    public static final String ONLINE = "Device.online";

    public static final int MAX_NAME = 64;
    public static final Set<String> DEFAULT_APPLICATIONS = Set.of("text");

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "deviceIds")
    @TableGenerator(name = "deviceIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "DEVICE", allocationSize = 50)
    private Long id;

    @Version
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "OWNER_ID", nullable = false, updatable = false)
    private Subscriber owner;

    @Column(name = "NAME", length = MAX_NAME, nullable = false, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "TYPE", length = 16, nullable = false)
    private DeviceType type;

    // links and supported states are read lazily: presence, delivery rules and routing read devices several times per
    // log-on and need neither (two queries fewer per device read; issue 19, scenario (c))
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "DEVICE_LINK", joinColumns = @JoinColumn(name = "DEVICE_ID"))
    @Column(name = "LINK", length = 32, nullable = false)
    private Set<String> links = new TreeSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "DEVICE_SUPPORTED_STATE", joinColumns = @JoinColumn(name = "DEVICE_ID"))
    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private Set<DeviceState> supportedStates = EnumSet.allOf(DeviceState.class);

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private DeviceState state = DeviceState.OFFLINE;

    @Column(name = "STATUS_TEXT", length = 200)
    private String statusText;

    // read lazily too: a log-on reads the user's devices to lock them, to bind and to change their state without
    // needing them (issue 19, scenario (c)); presence and delivery rules read them when they read the devices
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "DEVICE_APPLICATION", joinColumns = @JoinColumn(name = "DEVICE_ID"))
    @Column(name = "APPLICATION", length = 32, nullable = false)
    private Set<String> applications = new TreeSet<>(DEFAULT_APPLICATIONS);

    @Column(name = "ENDPOINT", length = 255)
    private String endpoint;

    @Column(name = "FIXED_ADDRESS", nullable = false)
    private boolean fixedAddress;

    @Column(name = "SECURITY_LEVEL", nullable = false)
    private int securityLevel;

    @Column(name = "REGISTERED_AT", nullable = false, updatable = false)
    private Instant registeredAt;

    @Column(name = "STATE_SINCE", nullable = false)
    private Instant stateSince;

    protected Device() {
        // for JPA
    }

    public Device(Subscriber owner, String name, DeviceType type, Instant registeredAt) {
        this.owner = Objects.requireNonNull(owner);
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.registeredAt = Objects.requireNonNull(registeredAt);
        this.stateSince = registeredAt;
    }

    /** Replaces the descriptive attributes; the state is changed by {@link #changeState}. */
    public void describe(DeviceType type, Collection<String> links, Collection<DeviceState> supportedStates,
                         Collection<String> applications, String endpoint, boolean fixedAddress, int securityLevel) {
        this.type = Objects.requireNonNull(type);
        this.links = new TreeSet<>(links);
        EnumSet<DeviceState> states = supportedStates.isEmpty()
                ? EnumSet.allOf(DeviceState.class) : EnumSet.copyOf(supportedStates);
        states.add(DeviceState.OFFLINE);
        states.add(state);
        this.supportedStates = states;
        this.applications = new TreeSet<>(applications);
        this.endpoint = endpoint;
        this.fixedAddress = fixedAddress;
        this.securityLevel = SecurityLevel.of(securityLevel).value();
    }

    /**
     * Moves the device to a state it supports.
     *
     * @return whether the state changed
     * @throws IllegalArgumentException when the device cannot take that state
     */
    public boolean changeState(DeviceState next, String statusText, Instant when) {
        if (!supportedStates.contains(next)) {
            throw new IllegalArgumentException("device '" + name + "' cannot be " + next
                    + "; it supports " + new TreeSet<>(supportedStates));
        }
        this.statusText = statusText;
        if (next == state) {
            return false;
        }
        state = next;
        stateSince = when;
        return true;
    }

    /** Records where the device is reachable now (a client's address at log-on); a fixed address stays. */
    public void connectedFrom(String currentEndpoint) {
        if (!fixedAddress && currentEndpoint != null) {
            endpoint = currentEndpoint;
        }
    }

    public Long id() {
        return id;
    }

    public Subscriber owner() {
        return owner;
    }

    public String ownerName() {
        return owner.userName();
    }

    public String name() {
        return name;
    }

    public DeviceType type() {
        return type;
    }

    public Set<String> links() {
        return new LinkedHashSet<>(links);
    }

    public Set<DeviceState> supportedStates() {
        return EnumSet.copyOf(supportedStates);
    }

    public DeviceState state() {
        return state;
    }

    public String statusText() {
        return statusText;
    }

    public Set<String> applications() {
        return new LinkedHashSet<>(applications);
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean fixedAddress() {
        return fixedAddress;
    }

    public int securityLevel() {
        return securityLevel;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant stateSince() {
        return stateSince;
    }
}
