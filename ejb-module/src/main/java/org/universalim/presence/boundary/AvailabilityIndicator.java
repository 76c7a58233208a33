package org.universalim.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.control.AggregatePresence;
import org.universalim.presence.control.AvailabilityWindows;
import org.universalim.presence.control.DeviceNames;
import org.universalim.presence.control.PresenceSettings;
import org.universalim.presence.control.StateChange;
import org.universalim.presence.entity.Device;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.PresenceEvent;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/** The availability indicator (R7): windows from the presence history, history import and compaction. */
@Stateless
public class AvailabilityIndicator {

    /** Entries one import may carry. */
    public static final int MAX_IMPORT = 10_000;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @EJB
    DeviceRegistry devices;

    @Inject
    PresenceSettings settings;

    @Inject
    AddressDisplay display;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    public AvailabilityView availability(String userName) {
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        ZoneId zone = ZoneId.of(s.timeZone());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        AvailabilityWindows method = settings.availabilityWindows();
        Instant start = method.historyStart(today, zone);

        Map<String, DeviceState> initial = new HashMap<>();
        em.createNamedQuery(PresenceEvent.LAST_BEFORE, PresenceEvent.class)
                .setParameter("user", s.userName()).setParameter("before", start).getResultList()
                .forEach(e -> initial.put(e.deviceName(), e.state()));
        Map<String, List<StateChange>> history = new HashMap<>();
        em.createNamedQuery(PresenceEvent.OF_USER_SINCE, PresenceEvent.class)
                .setParameter("user", s.userName()).setParameter("since", start).getResultList()
                .forEach(e -> history.computeIfAbsent(e.deviceName(), k -> new ArrayList<>()).add(new StateChange(e.at(), e.state())));

        List<Device> all = devices.devices(s.userName());
        List<AvailabilityView.DeviceWindows> windows = new ArrayList<>();
        for (Device d : all) {
            windows.add(new AvailabilityView.DeviceWindows(d.name(), d.type(), AvailabilityWindows.group(
                    method.compute(initial.getOrDefault(d.name(), DeviceState.OFFLINE),
                            history.getOrDefault(d.name(), List.of()), zone, today, now))));
        }
        String address = display.shown(s).toString();
        return new AvailabilityView(address, zone.getId(), method.weeks(), method.threshold(),
                AggregatePresence.of(all.stream().map(Device::state).toList()), windows);
    }

    /**
     * Adds history lines for a user's registered devices (an ISP migrating from another system, or
     * seeding a test). Entries may be in any order; none may lie in the future.
     */
    public int importHistory(String userName, List<HistoryEntry> entries) {
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        if (entries == null || entries.isEmpty()) {
            return 0;
        }
        if (entries.size() > MAX_IMPORT) {
            throw new InvalidRequestException("entries", "at most " + MAX_IMPORT + " entries per import");
        }
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        List<PresenceEvent> events = new ArrayList<>();
        Map<String, DeviceState> previous = new HashMap<>();
        List<HistoryEntry> sorted = entries.stream()
                .sorted((a, b) -> a.at() == null || b.at() == null ? 0 : a.at().compareTo(b.at())).toList();
        for (int i = 0; i < sorted.size(); i++) {
            HistoryEntry e = sorted.get(i);
            String field = "entries[" + i + "]";
            String device;
            try {
                device = DeviceNames.normalize(e.device());
            } catch (IllegalArgumentException bad) {
                errors.add(new FieldError(field + ".device", bad.getMessage()));
                continue;
            }
            if (devices.find(s.userName(), device).isEmpty()) {
                errors.add(new FieldError(field + ".device", "no device named '" + device + "'"));
                continue;
            }
            DeviceState state;
            try {
                state = DeviceState.valueOf(e.state().strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException bad) {
                errors.add(new FieldError(field + ".state", "a state is READY, BUSY, AWAY, DO_NOT_DISTURB or OFFLINE"));
                continue;
            }
            if (e.at() == null || e.at().isAfter(now)) {
                errors.add(new FieldError(field + ".at", "a time in the past is required"));
                continue;
            }
            DeviceState before = previous.getOrDefault(device, DeviceState.OFFLINE);
            PresenceEvent.Kind kind = !before.isOnline() && state.isOnline() ? PresenceEvent.Kind.LOG_ON
                    : before.isOnline() && !state.isOnline() ? PresenceEvent.Kind.LOG_OFF : PresenceEvent.Kind.STATE_CHANGE;
            previous.put(device, state);
            events.add(new PresenceEvent(s.userName(), device, kind, state, e.at()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.size() > 20 ? errors.subList(0, 20) : errors);
        }
        events.forEach(em::persist);
        log.info(() -> "imported " + events.size() + " presence history entries for " + s.userName());
        return events.size();
    }

    /**
     * Ages out history older than the retention period, keeping for every device its last entry before
     * the cut so that its state at the start of the remaining history stays known.
     *
     * @return the number of entries removed
     */
    public int compactHistory() {
        Instant cut = clock.instant().minus(settings.historyDays(), ChronoUnit.DAYS);
        int removed = em.createQuery("DELETE FROM PresenceEvent e WHERE e.at < :cut AND EXISTS "
                        + "(SELECT x.id FROM PresenceEvent x WHERE x.userName = e.userName AND x.deviceName = e.deviceName "
                        + "AND x.at > e.at AND x.at < :cut)")
                .setParameter("cut", cut).executeUpdate();
        if (removed > 0) {
            log.info(() -> "presence history: removed " + removed + " entries older than " + cut);
        }
        return removed;
    }
}
