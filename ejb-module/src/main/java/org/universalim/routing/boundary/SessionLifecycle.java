package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.registration.entity.Subscriber;
import org.universalim.routing.entity.ImMessage;
import org.universalim.routing.entity.SessionRoute;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
    ClusterView cluster;

    @Inject
    Event<DeviceMoved> moved;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    /** The session's device logs on (registered as {@code typeIfNew} if unknown) from {@code endpoint}. */
    public void opened(ClientSession session, DeviceType typeIfNew, String endpoint, DeviceState state) {
        devices.logOn(session.userName(), session.device(), typeIfNew, endpoint, state);
        em.persist(new SessionRoute(session.id(), session.userName(), session.device(), isp.nodeName(),
                session.protocol().name(), clock.instant()));
        if (cluster.hasOtherNodes()) {
            List<String> others = nodesAlsoHolding(session.userName(), session.device());
            if (!others.isEmpty()) {
                moved.fire(new DeviceMoved(session.userName(), session.device(), others));
            }
        }
    }

    /**
     * The session ended. The device logs off unless another session (a newer log-in of the same device,
     * on this node or another) holds it now.
     */
    public void closed(ClientSession session) {
        // One end of a user's sessions at a time (the user's row is the lock, as for presence changes): two
        // sessions of the same device closing together (the web client's Local and XMPP connections) would
        // each see the other still there, and neither would log the device off.
        em.createNamedQuery(Subscriber.BY_NAME, Subscriber.class).setParameter("name", session.userName())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        SessionRoute route = em.find(SessionRoute.class, session.id());
        if (route != null) {
            em.remove(route);
        }
        boolean replaced = sessions.session(session.userName(), session.device()).filter(s -> s != session).isPresent()
                || heldElsewhere(session.userName(), session.device(), session.id());
        if (!replaced) {
            devices.logOff(session.userName(), session.device());
        }
    }

    /** The other nodes where this device holds a session now (it just logged on here): they close theirs. */
    public List<String> nodesAlsoHolding(String userName, String device) {
        return em.createQuery("SELECT r.node FROM SessionRoute r WHERE r.userName = :user AND r.device = :device "
                        + "AND r.node <> :here", String.class)
                .setParameter("user", userName).setParameter("device", device).setParameter("here", isp.nodeName())
                .getResultList();
    }

    private boolean heldElsewhere(String userName, String device, String sessionId) {
        return em.createQuery("SELECT COUNT(r) FROM SessionRoute r WHERE r.userName = :user AND r.device = :device "
                        + "AND r.sessionId <> :id", Long.class)
                .setParameter("user", userName).setParameter("device", device).setParameter("id", sessionId)
                .getSingleResult() > 0;
    }

    /** What {@link #forgetNode} did. */
    public record Forgotten(int sessions, int messages, Set<String> users) {
    }

    /**
     * Forgets a node that is gone (crashed, or this node at start-up): its devices log off unless they are
     * connected again elsewhere (watchers see them go), its rows leave the node table, and the messages it
     * had taken or was handing to its users' devices, not yet acknowledged, are stored for the next
     * log-on. Those users' stored messages may be offered again at once where they are still connected.
     */
    public Forgotten forgetNode(String node) {
        return forgetNode(node, null);
    }

    /**
     * As {@link #forgetNode(String)}; the users it names are also the recipients of the messages it stores, and, from
     * {@code since} on (when not null: a while before the node's last heartbeat), those of the messages the node had
     * stored itself: the call that told the other nodes to offer them may have died with it.
     */
    public Forgotten forgetNode(String node, java.time.Instant since) {
        Set<String> recipients = new TreeSet<>(em.createQuery("SELECT DISTINCT m.recipientUser FROM ImMessage m "
                        + "WHERE m.status = :accepted AND m.recipientUser IS NOT NULL AND (m.acceptedBy = :node OR "
                        + "m.recipientUser IN (SELECT r.userName FROM SessionRoute r WHERE r.node = :node))", String.class)
                .setParameter("accepted", ImMessage.Status.ACCEPTED).setParameter("node", node).getResultList());
        if (since != null) {
            recipients.addAll(em.createQuery("SELECT DISTINCT m.recipientUser FROM ImMessage m WHERE m.status = :stored "
                            + "AND m.acceptedBy = :node AND m.recipientUser IS NOT NULL AND m.sentAt >= :since", String.class)
                    .setParameter("stored", ImMessage.Status.STORED).setParameter("node", node).setParameter("since", since)
                    .getResultList());
        }
        int messages = em.createQuery("UPDATE ImMessage m SET m.status = :stored WHERE m.status = :accepted "
                        + "AND m.recipientUser IS NOT NULL AND (m.acceptedBy = :node OR m.recipientUser IN "
                        + "(SELECT r.userName FROM SessionRoute r WHERE r.node = :node))")
                .setParameter("stored", ImMessage.Status.STORED).setParameter("accepted", ImMessage.Status.ACCEPTED)
                .setParameter("node", node).executeUpdate();
        List<SessionRoute> routes = em.createQuery("SELECT r FROM SessionRoute r WHERE r.node = :node", SessionRoute.class)
                .setParameter("node", node).getResultList();
        Set<String> users = new TreeSet<>(recipients);
        for (SessionRoute route : routes) {
            users.add(route.userName());
            em.remove(route);
        }
        em.flush();
        for (SessionRoute route : routes) {
            if (!heldElsewhere(route.userName(), route.device(), route.sessionId())) {
                devices.logOff(route.userName(), route.device());
            }
        }
        return new Forgotten(routes.size(), messages, users);
    }

    /** The user sets the state of the session's device. */
    public void setState(ClientSession session, DeviceState state, String statusText) {
        devices.setState(session.userName(), session.device(), state, statusText);
    }
}
