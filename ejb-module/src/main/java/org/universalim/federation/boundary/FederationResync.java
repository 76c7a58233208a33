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
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.entity.RosterItem;

import java.util.HashSet;
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

    public void resync(String peerDomain) {
        Peer peer = em.find(Peer.class, peerDomain);
        if (peer == null) {
            return;
        }
        Set<String> pushed = new HashSet<>();
        for (RemoteWatch w : em.createNamedQuery(RemoteWatch.OF_PEER, RemoteWatch.class).setParameter("peer", peerDomain)
                .getResultList()) {
            if (pushed.add(w.localUser()) && authorization.letsSee(w.localUser(), w.watcherAddress())) {
                outbox.enqueuePresence(peerDomain, WireMapping.toWire(directory.presence(w.localUser())));
            }
        }
        int asked = 0;
        for (String domain : new String[] {peer.domain(), peer.universalDomain()}) {
            for (ForeignUser user : foreign.ofDomain(domain)) {
                if (!user.isTracked()) {
                    continue;
                }
                for (RosterItem item : em.createQuery("SELECT r FROM RosterItem r WHERE r.contact = :c", RosterItem.class)
                        .setParameter("c", user.userId()).getResultList()) {
                    foreign.track(peer, isp.universalAddress(item.owner()).toString(), user.userId());
                    asked++;
                }
            }
        }
        int total = asked;
        log.info(() -> "federation: " + peerDomain + " is back; pushed " + pushed.size() + " presences, asked about "
                + total + " of its users again");
    }
}
