package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.RemoteWatch;
import org.universalim.federation.wire.AnnounceRequest;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.presence.boundary.PresenceChanged;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.registration.boundary.UserRegistered;
import org.universalim.registration.boundary.UserUpgraded;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.Delivery;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the federation does when something happens locally, in the same transaction as the change (the
 * outbox entry exists exactly when the change does): announce new universal users (R1, step 520) and
 * push presence changes to the peers tracking the user (R6). Also shows foreign presence to local
 * watchers once it is stored.
 */
@ApplicationScoped
public class FederationEvents {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    FederationOutbox outbox;

    @EJB
    PresenceDirectory directory;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    PeerDirectory peers;

    @Inject
    ClientNotifier notifier;

    void registered(@Observes UserRegistered event) {
        if (event.universal()) {
            announce(event.userName(), event.universalAddress(), event.at());
        }
    }

    void upgraded(@Observes UserUpgraded event) {
        announce(event.userName(), event.universalAddress(), event.at());
    }

    void presenceChanged(@Observes PresenceChanged change) {
        Set<String> to = new LinkedHashSet<>();
        for (RemoteWatch watch : watches(change.userName())) {
            if (!to.contains(watch.peer()) && authorization.letsSee(change.userName(), watch.watcherAddress())) {
                to.add(watch.peer());
            }
        }
        if (to.isEmpty()) {
            return;
        }
        PresenceInfo presence = WireMapping.toWire(directory.presence(change.userName()));
        for (String peer : to) {
            outbox.enqueuePresence(peer, presence);
        }
    }

    void foreignPresence(@Observes(during = TransactionPhase.AFTER_SUCCESS) ForeignPresenceChanged change) {
        for (String watcher : authorization.localWatchersOf("", change.address())) {
            notifier.push(watcher, new Delivery.Presence(change.presence()));
        }
    }

    private void announce(String userName, UserId universalAddress, Instant at) {
        Set<String> to = new LinkedHashSet<>();
        for (Peer p : em.createNamedQuery(Peer.ALL, Peer.class).getResultList()) {
            if (p.enabled() && p.announceAll()) {
                to.add(p.domain());
            }
        }
        watches(userName).forEach(w -> to.add(w.peer()));
        for (String peer : to) {
            AnnounceRequest request = new AnnounceRequest();
            AnnounceRequest.User user = new AnnounceRequest.User();
            user.address = universalAddress.toString();
            user.since = at;
            request.users.add(user);
            outbox.enqueue(peer, Operation.ANNOUNCE, request, user.address, null);
        }
    }

    private List<RemoteWatch> watches(String userName) {
        return em.createNamedQuery(RemoteWatch.OF_USER, RemoteWatch.class).setParameter("user", userName).getResultList();
    }
}
