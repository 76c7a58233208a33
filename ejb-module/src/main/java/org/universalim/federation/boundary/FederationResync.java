package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.ForeignUser;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.RemoteWatch;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.entity.RosterItem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * After a peer comes back, presence is resynchronised in full both ways: the peer gets the presence of
 * every user of ours it tracks, and we ask again about every user of theirs on our rosters.
 */
@Stateless
public class FederationResync {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    FederationOutbox outbox;

    @EJB
    ForeignUsers foreign;

    @EJB
    PresenceDirectory directory;

    @EJB
    PresenceAuthorization authorization;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    /**
     * One transaction that reads everything before it writes, and then only adds rows to the peer's outbox: it reads
     * nothing after its first write, so no reader of the outbox (a log-on, the drain, the wake-up) waits for it while it
     * waits for them. A user whose presence is queued for the peer already
     * is left to that item (each change of theirs replaces it or is queued after it, so it carries their latest).
     * Before, it read each user's presence after writing the previous one's, and looked for each one's waiting item in
     * the outbox after writing: a log-on (which locks its user's device, then looks in the outbox) and this waited for
     * each other, and Derby broke the deadlock only after {@code derby.locks.deadlockTimeout}, 20 s, more than once
     * a return (docs/reliability.md, "Presence across ISPs").
     */
    public void resync(String peerDomain) {
        Peer peer = em.find(Peer.class, peerDomain);
        if (peer == null) {
            return;
        }
        // read: the presence of each of our users the peer tracks (and may see) unless queued already, and whom to ask
        // about again
        Set<String> users = new HashSet<>();
        List<PresenceInfo> presences = new ArrayList<>();
        for (RemoteWatch w : em.createNamedQuery(RemoteWatch.OF_PEER, RemoteWatch.class).setParameter("peer", peerDomain)
                .getResultList()) {
            if (!users.contains(w.localUser()) && authorization.letsSee(w.localUser(), w.watcherAddress())) {
                users.add(w.localUser());
                presences.add(WireMapping.toWire(directory.presence(w.localUser())));
            }
        }
        Set<String> queued = outbox.presencesQueued(peerDomain);
        int read = presences.size();
        presences.removeIf(p -> queued.contains(p.user));
        int alreadyQueued = read - presences.size();
        List<Map.Entry<String, UserId>> asks = new ArrayList<>();
        for (String domain : new String[] {peer.domain(), peer.universalDomain()}) {
            for (ForeignUser user : foreign.ofDomain(domain)) {
                if (!user.isTracked()) {
                    continue;
                }
                // one request a user, not one a roster holding them: the answer shows them to all our watchers (one
                // call each, in order: a few hundred pairs kept the peer's users shown unavailable for tens of seconds);
                // asked as a watcher who sees them, whom the peer answers with their presence
                List<RosterItem> items = em.createQuery("SELECT r FROM RosterItem r WHERE r.contact = :c", RosterItem.class)
                        .setParameter("c", user.userId()).getResultList();
                items.stream().filter(item -> item.subscription().seesContact()).findFirst()
                        .or(() -> items.stream().findFirst())
                        .ifPresent(item -> asks.add(Map.entry(isp.universalAddress(item.owner()).toString(), user.userId())));
            }
        }
        // write: new rows of the peer's outbox, nothing else; the questions first, which bring its users back here
        asks.forEach(a -> foreign.askAgain(peer, a.getKey(), a.getValue()));
        presences.forEach(p -> outbox.enqueueNewPresence(peerDomain, p));
        log.info(() -> "federation: " + peerDomain + " is back; pushed " + presences.size() + " presences ("
                + alreadyQueued + " were queued already), asked about " + asks.size() + " of its users again");
    }
}
