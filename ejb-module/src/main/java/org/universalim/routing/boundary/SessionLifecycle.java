package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.routing.entity.SessionRoute;

import java.time.Clock;
import java.util.List;

/**
 * A device connecting and disconnecting: its presence (log-on, log-off, R6) and its row in the table of
 * users to Local IM server nodes (R12), in one transaction each.
 */
@Stateless
public class SessionLifecycle {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    DeviceRegistry devices;

    @Inject
    SessionRegistry sessions;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    /** The session's device logs on (registered as {@code typeIfNew} if unknown) from {@code endpoint}. */
    public void opened(ClientSession session, DeviceType typeIfNew, String endpoint, DeviceState state) {
        devices.logOn(session.userName(), session.device(), typeIfNew, endpoint, state);
        em.persist(new SessionRoute(session.id(), session.userName(), session.device(), isp.nodeName(),
                session.protocol().name(), clock.instant()));
    }

    /**
     * The session ended. The device logs off unless another session (a newer log-in of the same device)
     * holds it now.
     */
    public void closed(ClientSession session) {
        SessionRoute route = em.find(SessionRoute.class, session.id());
        if (route != null) {
            em.remove(route);
        }
        boolean replaced = sessions.session(session.userName(), session.device()).filter(s -> s != session).isPresent();
        if (!replaced) {
            devices.logOff(session.userName(), session.device());
        }
    }

    /**
     * Forgets the sessions a node had: their devices log off (watchers see them go) and their rows leave
     * the node table. Run for this node at start-up, after a crash or a stop that closed no sessions.
     *
     * @return the sessions forgotten
     */
    public int forgetNode(String node) {
        List<SessionRoute> routes = em.createQuery("SELECT r FROM SessionRoute r WHERE r.node = :node", SessionRoute.class)
                .setParameter("node", node).getResultList();
        for (SessionRoute route : routes) {
            devices.logOff(route.userName(), route.device());
            em.remove(route);
        }
        return routes.size();
    }

    /** The user sets the state of the session's device. */
    public void setState(ClientSession session, DeviceState state, String statusText) {
        devices.setState(session.userName(), session.device(), state, statusText);
    }
}
