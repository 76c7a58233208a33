package org.universalim.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.presence.entity.PresenceEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** How long ago a user was last connected, from the presence history (R7): XMPP last activity (XEP-0012). */
@Stateless
public class LastActivity {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    DeviceRegistry devices;

    @Inject
    Clock clock;

    /**
     * @return zero when a device is connected now, the time since the last log-off otherwise, empty when
     *         the history has no log-off of the user
     */
    public Optional<Duration> sinceLastSeen(String userName) {
        if (devices.devices(userName).stream().anyMatch(d -> d.state().isOnline())) {
            return Optional.of(Duration.ZERO);
        }
        return em.createQuery("SELECT e FROM PresenceEvent e WHERE e.userName = :user AND e.kind = :off "
                        + "ORDER BY e.at DESC", PresenceEvent.class)
                .setParameter("user", userName).setParameter("off", PresenceEvent.Kind.LOG_OFF)
                .setMaxResults(1).getResultStream().findFirst()
                .map(e -> Duration.between(e.at(), clock.instant()).isNegative() ? Duration.ZERO
                        : Duration.between(e.at(), clock.instant()));
    }
}
