package org.universalim.federation.boundary;

import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.federation.entity.ForeignUser;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.DepartRequest;
import org.universalim.roster.boundary.RosterErasure;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A peer's users who are gone (their accounts were deleted, {@code departRequest}): each leaves our users' rosters
 * (every owner told at once), their requests waiting for our users' answers go, and so do our records of them (the
 * foreign user, the watches they held on our users). A peer speaks only for its own users.
 */
@Stateless
public class InboundDepartures {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    InboundAddresses addresses;

    @Inject
    RosterErasure rosters;

    @Inject
    Logger log;

    public Ack depart(Peer peer, DepartRequest r) {
        List<UserId> gone = new ArrayList<>();
        for (DepartRequest.User u : r.users) {
            gone.add(addresses.own(peer, u.address, "departed user"));
        }
        for (UserId user : gone) {
            String address = user.toString();
            rosters.forgetContact(user);
            ForeignUser known = em.find(ForeignUser.class, address);
            if (known != null) {
                em.remove(known);
            }
            em.createQuery("DELETE FROM RemoteWatch w WHERE w.watcher = :watcher").setParameter("watcher", address).executeUpdate();
            log.info(() -> "federation: " + peer.domain() + " reports " + address + " gone; dropped from our rosters");
        }
        return new Ack(r.transactionId, gone.size());
    }
}
