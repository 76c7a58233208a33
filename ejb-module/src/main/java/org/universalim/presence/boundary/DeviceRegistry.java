package org.universalim.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.ConflictException;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.control.AggregatePresence;
import org.universalim.presence.control.Applications;
import org.universalim.presence.control.DeviceNames;
import org.universalim.presence.entity.Device;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.presence.entity.PresenceEvent;
import org.universalim.presence.entity.SecurityLevel;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A user's Internet devices and their states (R3): registration and description of devices, log-on,
 * log-off and state changes, each recorded in the presence history (R7) and announced as
 * {@link PresenceChanged} (R6).
 */
@Stateless
public class DeviceRegistry {

    /** Devices one user may register. */
    public static final int MAX_DEVICES = 20;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @Inject
    Event<PresenceChanged> changed;

    @Inject
    Clock clock;

    @Inject
    DeliveryFacts facts;

    @Inject
    Logger log;

    /** The user's devices in registration order. */
    public List<Device> devices(String userName) {
        return em.createNamedQuery(Device.OF_OWNER, Device.class).setParameter("owner", userName).getResultList();
    }

    public Device device(String userName, String deviceName) {
        return find(userName, deviceName).orElseThrow(() -> new NotFoundException("no device '" + deviceName + "'"));
    }

    public java.util.Optional<Device> find(String userName, String deviceName) {
        return em.createNamedQuery(Device.BY_NAME, Device.class).setParameter("owner", userName)
                .setParameter("name", deviceName == null ? "" : deviceName.strip()).getResultStream().findFirst();
    }

    /**
     * Registers a new device.
     *
     * @throws InvalidRequestException for refused attributes
     * @throws ConflictException       {@code device_exists} when the user already has a device of that name
     */
    public Device register(String userName, DeviceSpec spec) {
        Subscriber owner = owner(userName);
        String name = checkedName(spec.name());
        if (find(owner.userName(), name).isPresent()) {
            throw new ConflictException("device_exists", "there is already a device named '" + name + "'");
        }
        if (devices(owner.userName()).size() >= MAX_DEVICES) {
            throw new ConflictException("too_many_devices", "a user has at most " + MAX_DEVICES + " devices");
        }
        Device device = new Device(owner, name, DeviceType.PC, clock.instant());
        describe(device, spec);
        em.persist(device);
        facts.changing(owner.userName());
        log.fine(() -> "device " + name + " registered for " + owner.userName());
        return device;
    }

    /** Replaces a device's description (not its state). */
    public Device update(String userName, String deviceName, DeviceSpec spec) {
        Device device = device(userName, deviceName);
        describe(device, spec);
        facts.changing(device.ownerName());
        return device;
    }

    /** Removes a device; an online device is logged off first. */
    public void remove(String userName, String deviceName) {
        lockUser(userName);
        Device device = device(userName, deviceName);
        if (device.state().isOnline()) {
            changeState(device, DeviceState.OFFLINE, null);
        }
        em.remove(device);
        facts.changing(device.ownerName());
    }

    /**
     * A device connects: it is registered if new (as {@code typeIfNew}), its endpoint recorded, and it
     * moves to {@code state} (usually READY).
     */
    public Device logOn(String userName, String deviceName, DeviceType typeIfNew, String endpoint, DeviceState state) {
        String name = checkedName(deviceName);
        lockUser(userName);
        Device device = find(userName, name).orElse(null);
        if (device == null) {
            device = register(userName, new DeviceSpec(name, typeIfNew.name(), null, null, null, null, null, null));
        }
        device.connectedFrom(endpoint);
        changeState(device, state == DeviceState.OFFLINE ? DeviceState.READY : state, null);
        return device;
    }

    /** A device disconnects. Unknown devices are ignored. */
    public void logOff(String userName, String deviceName) {
        lockUser(userName);
        find(userName, deviceName).ifPresent(d -> changeState(d, DeviceState.OFFLINE, null));
    }

    /** The user sets a device's state (and status text). */
    public Device setState(String userName, String deviceName, DeviceState state, String statusText) {
        lockUser(userName);
        Device device = device(userName, deviceName);
        changeState(device, state, statusText);
        return device;
    }

    /** Marks every device of the user offline, e.g. when the account is disabled. */
    public void logOffAll(String userName) {
        lockUser(userName);
        for (Device d : devices(userName)) {
            if (d.state().isOnline()) {
                changeState(d, DeviceState.OFFLINE, null);
            }
        }
    }

    /**
     * One state change of a user at a time: the user's row is locked before their devices are read. A device read
     * before the lock would be stale once it is ours (a log-on that read the device while the old session's log-off
     * was being written would find it online, change nothing, and leave it offline though connected).
     */
    private void lockUser(String userName) {
        em.createNamedQuery(Subscriber.BY_NAME, Subscriber.class).setParameter("name", userName)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    private void changeState(Device device, DeviceState next, String statusText) {
        String user = device.ownerName();
        // one state change of a user at a time, so the aggregate before/after is exact: every caller locked the
        // user's row (lockUser) before it read the device
        List<Device> all = devices(user);
        DeviceState aggregateBefore = AggregatePresence.of(all.stream().map(Device::state).toList());
        DeviceState before = device.state();
        Instant now = clock.instant();
        boolean moved;
        try {
            moved = device.changeState(next, statusText, now);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state", e.getMessage());
        }
        DeviceState aggregateAfter = AggregatePresence.of(all.stream().map(Device::state).toList());
        if (moved) {
            PresenceEvent.Kind kind = !before.isOnline() ? PresenceEvent.Kind.LOG_ON
                    : !next.isOnline() ? PresenceEvent.Kind.LOG_OFF : PresenceEvent.Kind.STATE_CHANGE;
            em.persist(new PresenceEvent(user, device.name(), kind, next, now));
        }
        changed.fire(new PresenceChanged(user, device.name(), before, next, statusText, aggregateBefore, aggregateAfter, now));
    }

    private Subscriber owner(String userName) {
        return registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
    }

    private static String checkedName(String raw) {
        try {
            return DeviceNames.normalize(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("name", e.getMessage());
        }
    }

    private static void describe(Device device, DeviceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        DeviceType type = device.type();
        if (spec.type() != null) {
            type = parse(DeviceType.class, spec.type(), "type", errors);
        }
        Set<DeviceState> states = EnumSet.noneOf(DeviceState.class);
        for (String s : nonNull(spec.supportedStates())) {
            DeviceState state = parse(DeviceState.class, s, "supportedStates", errors);
            if (state != null) {
                states.add(state);
            }
        }
        Set<String> apps = Device.DEFAULT_APPLICATIONS;
        if (spec.applications() != null) {
            try {
                apps = Applications.normalizeAll(spec.applications());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("applications", e.getMessage()));
            }
        }
        List<String> links = new ArrayList<>();
        for (String link : nonNull(spec.links())) {
            if (link == null || link.isBlank() || link.strip().length() > 32) {
                errors.add(new FieldError("links", "a link is a name of 1 to 32 characters, e.g. broadband"));
            } else {
                links.add(link.strip());
            }
        }
        if (links.size() > 10) {
            errors.add(new FieldError("links", "a device has at most 10 links"));
        }
        int level = spec.securityLevel() == null ? 0 : spec.securityLevel();
        if (level < SecurityLevel.MIN || level > SecurityLevel.MAX) {
            errors.add(new FieldError("securityLevel", "a security level is from 0 (public) to 3 (confidential)"));
        }
        String endpoint = spec.endpoint() == null || spec.endpoint().isBlank() ? null : spec.endpoint().strip();
        if (endpoint != null && endpoint.length() > 255) {
            errors.add(new FieldError("endpoint", "an endpoint has at most 255 characters"));
        }
        boolean fixed = Boolean.TRUE.equals(spec.fixedAddress());
        if (fixed && endpoint == null) {
            errors.add(new FieldError("endpoint", "a device with a fixed address needs its endpoint"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        device.describe(type, links, states, apps, endpoint, fixed, level);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw, String field, List<FieldError> errors) {
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError(field, "'" + raw + "' is not one of " + EnumSet.allOf(type)));
            return null;
        }
    }

    private static <T> Collection<T> nonNull(Collection<T> c) {
        return c == null ? List.of() : c;
    }
}
