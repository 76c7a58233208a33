package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.ForeignUser;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.TrackRequest;
import org.universalim.federation.wire.TrackResponse;
import org.universalim.federation.wire.UntrackRequest;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ForeignRequests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Users of other ISPs in the Universal IM server's database (R5): only those a local roster holds (or a
 * peer announced), with their last known presence and routing, and the tracking requests that keep
 * them current.
 */
@Stateless
public class ForeignUsers {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    FederationOutbox outbox;

    @EJB
    ForeignRequests roster;

    @EJB
    ForeignUserRows rows;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Inject
    Event<ForeignPresenceChanged> presenceChanged;

    /** A local user ({@code watcher}, by address) wants to know about a foreign user: ask their ISP. */
    public void track(Peer peer, String watcher, UserId contact) {
        // the shared row in its own short transaction, tried again when another request created or
        // changed it at the same moment (the loser then finds it done)
        for (int attempt = 1; ; attempt++) {
            try {
                rows.tracked(contact.toString(), peer.domain());
                break;
            } catch (EJBException | PersistenceException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.fine(() -> "tracking " + contact + " raced with another request; trying again");
            }
        }
        askAgain(peer, watcher, contact);
    }

    /** Asks the ISP of a foreign user whose row is tracked already about them for a local watcher (its outbox only). */
    public void askAgain(Peer peer, String watcher, UserId contact) {
        TrackRequest request = new TrackRequest();
        request.watcher = watcher;
        request.user = contact.toString();
        outbox.enqueue(peer.domain(), Operation.TRACK, request, contact.toString(), null);
    }

    /** A local watcher lost interest; the foreign user is forgotten when no local roster holds them. */
    public void untrack(Peer peer, String watcher, UserId contact) {
        UntrackRequest request = new UntrackRequest();
        request.watcher = watcher;
        request.user = contact.toString();
        outbox.enqueue(peer.domain(), Operation.UNTRACK, request, contact.toString(), null);
        ForeignUser user = em.find(ForeignUser.class, contact.toString());
        if (user != null && !roster.isOnSomeRoster(contact)) {
            if (user.isAnnounced()) {
                user.tracked(false, clock.instant());
                user.presence(null, null, clock.instant());
            } else {
                em.remove(user);
                log.fine(() -> "foreign user " + contact + " forgotten: no local roster holds them");
            }
        }
    }

    /**
     * What the user's ISP answered to our tracking request, sent at {@code askedAt}. Its presence is taken
     * unless the ISP pushed one since (which may be newer); local watchers are shown it when it changed what
     * they see (after a peer's outage: the resynchronisation brings its users back).
     */
    public void tracked(String contact, TrackResponse answer, Instant askedAt) {
        ForeignUser user = em.find(ForeignUser.class, contact);
        if (user == null) {
            return;
        }
        user.known(answer.known, answer.screenName, answer.route == null ? null : answer.route.node, clock.instant());
        if (answer.presence != null && answer.authorized && user.answerIsCurrent(askedAt)) {
            String xml = WireCodec.write(single(answer.presence));
            boolean changed = user.unreachableSince() != null || !xml.equals(user.presenceXml());
            user.presence(xml, answer.presence.aggregate, clock.instant());
            if (changed) {
                presenceChanged.fire(new ForeignPresenceChanged(user.userId(), WireMapping.fromWire(answer.presence)));
            }
        }
    }

    /**
     * A peer pushed a user's presence (R6).
     *
     * @return the presence to show local watchers, when the user is one we keep
     */
    public Optional<UserPresence> presenceUpdated(Peer peer, PresenceInfo presence) {
        ForeignUser user = em.find(ForeignUser.class, presence.user);
        if (user == null) {
            return Optional.empty();
        }
        user.pushedPresence(WireCodec.write(single(presence)), presence.aggregate, clock.instant());
        return Optional.of(WireMapping.fromWire(presence));
    }

    /**
     * The peer has not answered for a while: its users we keep a presence of are shown unavailable to local
     * watchers (with the reason) until it tells their presence again.
     *
     * @return how many users are now shown unavailable
     */
    public int unreachable(Peer peer, Instant since) {
        int shown = 0;
        for (ForeignUser user : em.createNamedQuery(ForeignUser.SHOWN_OF_DOMAINS, ForeignUser.class)
                .setParameter("domains", List.of(peer.domain(), peer.universalDomain())).getResultList()) {
            Optional<UserPresence> last = read(user);
            user.unreachable(since);
            if (last.isPresent()) {
                presenceChanged.fire(new ForeignPresenceChanged(user.userId(), WireMapping.unreachable(last.get(), user.ispDomain())));
                shown++;
            }
        }
        return shown;
    }

    /** A peer announced a new or upgraded universal user (R1, step 520). */
    public void announced(Peer peer, UserId address, String screenName) {
        findOrCreate(peer, address).announced(screenName, clock.instant());
    }

    /** The presence local watchers are shown of a foreign user: the last we know, or unavailable while their ISP cannot be reached. */
    public Optional<UserPresence> presence(UserId contact) {
        ForeignUser user = em.find(ForeignUser.class, contact.toString());
        if (user == null) {
            return Optional.empty();
        }
        Optional<UserPresence> last = read(user);
        return user.unreachableSince() == null ? last : last.map(p -> WireMapping.unreachable(p, user.ispDomain()));
    }

    private static Optional<UserPresence> read(ForeignUser user) {
        if (user.presenceXml() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(WireMapping.fromWire(
                    WireCodec.read(user.presenceXml(), org.universalim.federation.wire.PresenceUpdate.class).presences.get(0)));
        } catch (WireCodec.Refused e) {
            return Optional.empty();
        }
    }

    public List<ForeignUser> all() {
        return em.createNamedQuery(ForeignUser.ALL, ForeignUser.class).setMaxResults(10_000).getResultList();
    }

    public List<ForeignUser> ofDomain(String domain) {
        return em.createNamedQuery(ForeignUser.OF_DOMAIN, ForeignUser.class).setParameter("domain", domain).getResultList();
    }

    private ForeignUser findOrCreate(Peer peer, UserId address) {
        ForeignUser user = em.find(ForeignUser.class, address.toString());
        if (user == null) {
            Instant now = clock.instant();
            user = new ForeignUser(address.toString(), peer.domain(), now);
            em.persist(user);
        }
        return user;
    }

    private static org.universalim.federation.wire.PresenceUpdate single(PresenceInfo presence) {
        org.universalim.federation.wire.PresenceUpdate holder = new org.universalim.federation.wire.PresenceUpdate();
        holder.transactionId = "stored";
        holder.presences.add(presence);
        return holder;
    }
}
