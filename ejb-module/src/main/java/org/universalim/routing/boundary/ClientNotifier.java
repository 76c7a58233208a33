package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.AvailabilityAlertFired;
import org.universalim.presence.boundary.PresenceChanged;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.registration.entity.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterChanged;
import org.universalim.roster.boundary.SubscriptionAnswered;
import org.universalim.roster.boundary.SubscriptionRequested;

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
    PresenceAuthorization authorization;

    @EJB
    ContactAddresses addresses;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    void presenceChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PresenceChanged change) {
        try {
            UserPresence presence = directory.presence(change.userName());
            Delivery.Presence push = new Delivery.Presence(presence);
            for (String watcher : authorization.localWatchersOf(change.userName(), isp.localAddress(change.userName()).toString())) {
                push(watcher, push);
            }
            push(change.userName(), push);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "presence of " + change.userName() + " not pushed", e);
        }
    }

    void rosterChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RosterChanged change) {
        push(change.owner(), new Delivery.RosterUpdate(change.entry(), change.removed()));
    }

    void subscriptionRequested(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionRequested request) {
        push(request.owner(), new Delivery.SubscriptionRequest(request.requester(), request.message()));
    }

    void subscriptionAnswered(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionAnswered answer) {
        push(answer.requester(), new Delivery.SubscriptionAnswer(answer.contact(), answer.approved()));
        if (!sessions.isConnected(answer.requester())) {
            return;
        }
        try {
            UserId contact = UserId.parse(answer.contact());
            if (answer.approved()) {
                addresses.localUser(contact).ifPresent(s ->
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

    /** Sends to every connected device of a local user. */
    public void push(String userName, Delivery delivery) {
        for (ClientSession session : sessions.sessionsOf(userName)) {
            session.deliver(delivery);
        }
    }
}
