package org.universalim.federation.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.RemoteWatch;
import org.universalim.federation.wire.DepartRequest;
import org.universalim.federation.wire.Operation;
import org.universalim.registration.boundary.AccountDeleted;
import org.universalim.roster.boundary.RosterItems;
import org.universalim.roster.entity.SubscriptionRequest;

import java.util.Set;
import java.util.TreeSet;

/**
 * When a universal user's account is deleted, in the same transaction: the peers that know the user are told it is
 * gone ({@code departRequest}, through the durable outbox) so that they drop it: those tracking the user for their
 * users, those announced every new user, and those of the user's contacts and requests; and the records of peers
 * watching the user go. Runs before the roster is cleared (it reads the user's contacts).
 */
@ApplicationScoped
public class DepartureNotices {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    FederationOutbox outbox;

    @EJB
    PeerDirectory peers;

    @EJB
    RosterItems items;

    void accountDeleted(@Observes @Priority(AccountDeleted.ROSTER - 100) AccountDeleted deleted) {
        if (!deleted.universal()) {
            return; // other ISPs never knew a local-only user
        }
        String user = deleted.userName();
        Set<String> to = new TreeSet<>();
        for (RemoteWatch w : em.createNamedQuery(RemoteWatch.OF_USER, RemoteWatch.class).setParameter("user", user)
                .getResultList()) {
            to.add(w.peer());
            em.remove(w);
        }
        for (Peer p : em.createNamedQuery(Peer.ALL, Peer.class).getResultList()) {
            if (p.enabled() && p.announceAll()) {
                to.add(p.domain());
            }
        }
        items.contactKeys(user).forEach(contact -> peerOf(contact, to));
        items.requests(user).stream().map(SubscriptionRequest::requester).forEach(requester -> peerOf(requester, to));
        for (String peer : to) {
            DepartRequest request = new DepartRequest();
            DepartRequest.User gone = new DepartRequest.User();
            gone.address = deleted.universalAddress().toString();
            gone.at = deleted.at();
            request.users.add(gone);
            outbox.enqueue(peer, Operation.DEPART, request, gone.address, null);
        }
    }

    private void peerOf(UserId address, Set<String> to) {
        peers.forAddress(address).filter(Peer::enabled).ifPresent(p -> to.add(p.domain()));
    }
}
