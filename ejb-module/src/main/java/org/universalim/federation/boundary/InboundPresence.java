package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.RemoteWatch;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.AnnounceRequest;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.RouteInfo;
import org.universalim.federation.wire.TrackRequest;
import org.universalim.federation.wire.TrackResponse;
import org.universalim.federation.wire.UntrackRequest;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.AvailabilityAlerts;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.entity.DeviceState;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Presence between ISPs as peers tell it (R1, R5, R6): users a peer announces, a peer tracking one of our
 * users for its watchers (and no longer), and presence updates of a peer's users, which reach local watchers
 * and fire availability alerts.
 */
@Stateless
public class InboundPresence {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    InboundAddresses addresses;

    @EJB
    ForeignUsers foreign;

    @EJB
    RemoteWatches watches;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    PresenceDirectory directory;

    @EJB
    AvailabilityAlerts alerts;

    @Inject
    SessionRegistry sessions;

    @Inject
    IspSettings isp;

    @Inject
    Event<ForeignPresenceChanged> presenceChanged;

    public Ack announce(Peer peer, AnnounceRequest r) {
        List<UserId> users = new ArrayList<>();
        for (AnnounceRequest.User u : r.users) {
            users.add(addresses.own(peer, u.address, "announced user"));
        }
        for (int i = 0; i < users.size(); i++) {
            foreign.announced(peer, users.get(i), r.users.get(i).screenName);
        }
        return new Ack(r.transactionId, users.size());
    }

    public TrackResponse track(Peer peer, TrackRequest r) {
        UserId watcher = addresses.own(peer, r.watcher, "watcher");
        TrackResponse answer = new TrackResponse();
        answer.transactionId = r.transactionId;
        Optional<Subscriber> user = addresses.ours(r.user);
        answer.known = user.isPresent();
        if (user.isEmpty()) {
            return answer;
        }
        String name = user.get().userName();
        try {
            watches.watch(name, watcher.toString(), peer.domain());
        } catch (RemoteWatches.AlreadyWatching e) {
            // recorded by a concurrent request
        }
        answer.screenName = user.get().screenName();
        answer.route = route(name);
        answer.authorized = authorization.letsSee(name, watcher);
        if (answer.authorized) {
            answer.presence = WireMapping.toWire(directory.presence(name));
        }
        return answer;
    }

    public Ack untrack(Peer peer, UntrackRequest r) {
        UserId watcher = addresses.own(peer, r.watcher, "watcher");
        Optional<Subscriber> user = addresses.ours(r.user);
        user.ifPresent(s -> em.createNamedQuery(RemoteWatch.BY_WATCHER, RemoteWatch.class).setParameter("user", s.userName())
                .setParameter("watcher", watcher.toString()).getResultStream().forEach(em::remove));
        return new Ack(r.transactionId, user.isPresent() ? 1 : 0);
    }

    public Ack presence(Peer peer, PresenceUpdate r) {
        java.util.Map<PresenceInfo, UserId> users = new java.util.IdentityHashMap<>();
        for (PresenceInfo p : r.presences) {
            users.put(p, addresses.own(peer, p.user, "presence of"));
        }
        int accepted = 0;
        for (PresenceInfo p : r.presences) {
            Optional<UserPresence> shown = foreign.presenceUpdated(peer, p);
            if (shown.isPresent()) {
                accepted++;
                presenceChanged.fire(new ForeignPresenceChanged(users.get(p), shown.get()));
                if (p.available) {
                    String device = p.devices.stream().filter(d -> DeviceState.READY.name().equals(d.state))
                            .map(d -> d.name).findFirst().orElse(null);
                    alerts.foreignAvailable(users.get(p), device);
                }
            }
        }
        return new Ack(r.transactionId, accepted);
    }

    private RouteInfo route(String userName) {
        RouteInfo route = new RouteInfo();
        route.isp = isp.ispDomain();
        route.node = sessions.isConnected(userName) ? isp.nodeName() : null;
        return route;
    }
}
