package org.universalim.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.platform.ConflictException;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.control.PresenceSettings;
import org.universalim.presence.entity.AvailabilityAlert;
import org.universalim.presence.entity.Device;
import org.universalim.presence.entity.DeviceState;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.address.InvalidAddressException;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Availability alerts (R7): set, list, cancel; fired once when the contact becomes available inside the
 * window (on the presence change, or by the sweep when the window opens on a contact already available);
 * expired after the window. Alerts live in the database, so they survive restarts.
 */
@Stateless
public class AvailabilityAlerts {

    public static final int MAX_PENDING_PER_WATCHER = 100;
    public static final int MAX_WINDOW_DAYS = 31;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @Inject
    AddressDisplay display;

    @EJB
    PresenceDirectory directory;

    @EJB
    DeviceRegistry devices;

    @Inject
    IspSettings isp;

    @Inject
    PresenceSettings settings;

    @Inject
    Event<AvailabilityAlertFired> fired;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /** Sets an alert for {@code watcher} (a local user name) on a contact. */
    public AlertView set(String watcher, AlertRequest request) {
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        UserId target = null;
        try {
            target = canonical(UserId.parse(request.contact()));
        } catch (InvalidAddressException e) {
            errors.add(new FieldError("contact", e.getMessage()));
        }
        Instant from = instant(request.from(), now, "from", errors);
        Instant until = instant(request.until(), from.plus(settings.alertDefaultHours(), ChronoUnit.HOURS), "until", errors);
        if (errors.isEmpty()) {
            if (!until.isAfter(from)) {
                errors.add(new FieldError("until", "the window ends after it starts"));
            } else if (!until.isAfter(now)) {
                errors.add(new FieldError("until", "the window has already ended"));
            } else if (from.plus(MAX_WINDOW_DAYS, ChronoUnit.DAYS).isBefore(until)) {
                errors.add(new FieldError("until", "an alert lasts at most " + MAX_WINDOW_DAYS + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        long pending = em.createQuery("SELECT COUNT(a) FROM AvailabilityAlert a WHERE a.watcher = :w AND a.state = :pending", Long.class)
                .setParameter("w", watcher).setParameter("pending", AvailabilityAlert.State.PENDING).getSingleResult();
        if (pending >= MAX_PENDING_PER_WATCHER) {
            throw new ConflictException("too_many_alerts", "at most " + MAX_PENDING_PER_WATCHER + " pending alerts");
        }
        AvailabilityAlert alert = new AvailabilityAlert(watcher, target, from.isBefore(now) ? now : from, until, now);
        em.persist(alert);
        em.flush();
        fireIfAvailable(alert, now);
        return AlertView.of(alert);
    }

    public List<AlertView> alerts(String watcher) {
        return em.createNamedQuery(AvailabilityAlert.OF_WATCHER, AvailabilityAlert.class).setParameter("watcher", watcher)
                .setMaxResults(500).getResultStream().map(AlertView::of).toList();
    }

    public AlertView alert(String watcher, long id) {
        return AlertView.of(owned(watcher, id));
    }

    public AlertView cancel(String watcher, long id) {
        AvailabilityAlert alert = owned(watcher, id);
        alert.cancel();
        return AlertView.of(alert);
    }

    /** A local user became available: fire the pending alerts on them whose window is open. */
    public void presenceChanged(@Observes PresenceChanged change) {
        if (change.aggregateAfter() != DeviceState.READY || change.aggregateBefore() == DeviceState.READY) {
            return;
        }
        UserId target = isp.localAddress(change.userName());
        for (AvailabilityAlert alert : em.createNamedQuery(AvailabilityAlert.PENDING_FOR_TARGET, AvailabilityAlert.class)
                .setParameter("target", target).setParameter("pending", AvailabilityAlert.State.PENDING).getResultList()) {
            fire(alert, change.at(), change.device());
        }
    }

    /** A user of another ISP became available (their ISP pushed it): fire the alerts on them. */
    public void foreignAvailable(UserId address, String device) {
        Instant now = clock.instant();
        for (AvailabilityAlert alert : em.createNamedQuery(AvailabilityAlert.PENDING_FOR_TARGET, AvailabilityAlert.class)
                .setParameter("target", address).setParameter("pending", AvailabilityAlert.State.PENDING).getResultList()) {
            fire(alert, now, device);
        }
    }

    /**
     * Expires alerts past their window and fires those whose window has opened on a contact who is
     * already available. Called by the timer.
     *
     * @return alerts fired and expired
     */
    public int sweep() {
        Instant now = clock.instant();
        int changed = 0;
        for (AvailabilityAlert alert : em.createNamedQuery(AvailabilityAlert.PENDING_STARTED, AvailabilityAlert.class)
                .setParameter("now", now).setParameter("pending", AvailabilityAlert.State.PENDING).getResultList()) {
            if (alert.expireIfDue(now)) {
                changed++;
                log.fine(() -> "alert " + alert.id() + " expired");
            } else if (fireIfAvailable(alert, now)) {
                changed++;
            }
        }
        return changed;
    }

    private boolean fireIfAvailable(AvailabilityAlert alert, Instant now) {
        UserId target = alert.target();
        if (!isp.isLocal(target) || !alert.canFireAt(now)) {
            return false;
        }
        String user = target.localPart();
        if (!directory.isAvailable(user)) {
            return false;
        }
        String device = devices.devices(user).stream().filter(d -> d.state() == DeviceState.READY)
                .map(Device::name).findFirst().orElse(null);
        return fire(alert, now, device);
    }

    private boolean fire(AvailabilityAlert alert, Instant now, String device) {
        if (!alert.fire(now, device)) {
            return false;
        }
        log.info(() -> "alert " + alert.id() + ": " + alert.target() + " is available, telling " + alert.watcher());
        fired.fire(new AvailabilityAlertFired(alert.id(), alert.watcher(), alert.target(), device, now));
        return true;
    }

    private AvailabilityAlert owned(String watcher, long id) {
        AvailabilityAlert alert = em.find(AvailabilityAlert.class, id);
        if (alert == null || !alert.watcher().equals(watcher)) {
            throw new NotFoundException("no alert " + id);
        }
        return alert;
    }

    /** Local contacts are watched under their local address, whichever of their two addresses was given. */
    private UserId canonical(UserId contact) {
        if (isp.isLocal(contact)) {
            UserId local = display.key(contact);
            if (registrar.find(local.localPart()).isEmpty()) {
                throw new InvalidRequestException("contact", "no user " + contact + " at this ISP");
            }
            return local;
        }
        return contact;
    }

    private static Instant instant(String text, Instant fallback, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "a time like 2026-11-24T16:00:00+01:00 is required"));
            return fallback;
        }
    }
}
