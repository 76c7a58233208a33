package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.AvailabilityAlertFired;
import org.universalim.presence.boundary.PresenceChanged;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.WatchedPresence;
import org.universalim.roster.boundary.RosterChanged;
import org.universalim.roster.boundary.SubscriptionAnswered;
import org.universalim.roster.boundary.SubscriptionRequested;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes what changed to the connected clients it concerns, after the change is committed: presence to
 * the user's watchers and the user's other devices (R6), roster changes, subscription requests and
 * answers, and fired availability alerts (R7).
 */
@ApplicationScoped
public class ClientNotifier {

    @Inject
    SessionRegistry sessions;

    @EJB
    PresenceDirectory directory;

    @EJB
    WatchedPresence watchedPresence;

    @EJB
    ContactAddresses addresses;

    @EJB
    SessionRoutes routes;

    @Inject
    ClusterView cluster;

    @Inject
    NodeChannel nodes;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    /**
     * A user's presence, read after the change committed, goes to the watchers and the user's devices. Two changes of one
     * user committed close together (two devices logging off) are pushed one after the other, each read and written
     * under the user's stripe of {@link #PRESENCE_STRIPES} locks: a push read before the other change committed can
     * then never be written after the one that shows it (watchers would keep the older state for good).
     */
    void presenceChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PresenceChanged change) {
        synchronized (presenceLocks[Math.floorMod(change.userName().hashCode(), PRESENCE_STRIPES)]) {
            try {
                WatchedPresence.Watched watched = watchedPresence.of(change.userName(), isp.localAddress(change.userName()));
                List<String> users = new ArrayList<>(watched.watchers());
                users.add(change.userName());
                push(users, new Delivery.Presence(watched.presence()));
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "presence of " + change.userName() + " not pushed", e);
            }
        }
    }

    static final int PRESENCE_STRIPES = 64;

    private final Object[] presenceLocks = java.util.stream.IntStream.range(0, PRESENCE_STRIPES)
            .mapToObj(i -> new Object()).toArray();

    void rosterChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RosterChanged change) {
        push(change.owner(), new Delivery.RosterUpdate(change.entry(), change.removed()));
    }

    void subscriptionRequested(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionRequested request) {
        push(request.owner(), new Delivery.SubscriptionRequest(request.requester(), request.message()));
    }

    void subscriptionAnswered(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionAnswered answer) {
        push(answer.requester(), new Delivery.SubscriptionAnswer(answer.contact().toString(), answer.approved()));
        if (!sessions.isConnected(answer.requester()) && !cluster.hasOtherNodes()) {
            return;
        }
        try {
            if (answer.approved()) {
                addresses.localUser(answer.contact()).ifPresent(s ->
                        push(answer.requester(), new Delivery.Presence(directory.presence(s.userName()))));
            }
        } catch (RuntimeException e) {
            log.log(Level.FINE, "no presence pushed after an answer", e);
        }
    }

    void alertFired(@Observes(during = TransactionPhase.AFTER_SUCCESS) AvailabilityAlertFired fired) {
        String contact = addresses.display(fired.contact());
        push(fired.watcher(), new Delivery.AlertFired(fired.alertId(), contact, fired.device(), fired.at()));
    }

    /** Sends to every connected device of a local user, on whichever node. */
    public void push(String userName, Delivery delivery) {
        push(List.of(userName), delivery);
    }

    /** Sends to every connected device of these local users, on whichever node. */
    public void push(Collection<String> userNames, Delivery delivery) {
        pushHere(userNames, delivery);
        if (cluster.hasOtherNodes() && !userNames.isEmpty()) {
            try {
                routes.usersElsewhere(userNames, isp.nodeName()).forEach((node, users) -> nodes.push(node, users, delivery));
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "could not pass a " + delivery.getClass().getSimpleName() + " to the other nodes", e);
            }
        }
    }

    /**
     * Passes a stanza to a device of a local user connected to another node of this ISP (an IQ between resources, RFC
     * 6121 8.5.3); false when no other node holds that device (the caller answers as for a device connected nowhere).
     */
    public boolean toDeviceElsewhere(String userName, Delivery.Stanza stanza) {
        if (!cluster.hasOtherNodes()) {
            return false;
        }
        String node = routes.devicesElsewhere(userName, isp.nodeName()).get(stanza.device());
        if (node == null) {
            return false;
        }
        nodes.push(node, List.of(userName), stanza);
        return true;
    }

    /** Sends to the devices of these users connected to this node. */
    public void pushHere(Collection<String> userNames, Delivery delivery) {
        for (String user : userNames) {
            for (ClientSession session : sessions.sessionsOf(user)) {
                session.deliver(delivery);
            }
        }
    }
}
