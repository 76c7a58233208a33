package org.universalim.roster.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.SubscriptionRequest;

import java.util.List;
import java.util.Optional;

/** The roster items and pending subscription requests in the database (in the caller's transaction). */
@Stateless
public class RosterItems {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    RosterContacts contacts;

    /** The owner's items, by contact. */
    public List<RosterItem> of(String owner) {
        return em.createNamedQuery(RosterItem.OF_OWNER, RosterItem.class).setParameter("owner", owner).getResultList();
    }

    /** The owner's item for a contact key. */
    public Optional<RosterItem> item(String owner, UserId contact) {
        return em.createNamedQuery(RosterItem.BY_CONTACT, RosterItem.class).setParameter("owner", owner)
                .setParameter("contact", contact).getResultStream().findFirst();
    }

    public void add(RosterItem item) {
        em.persist(item);
        contacts.changing(item.owner());
    }

    public void remove(RosterItem item) {
        em.remove(item);
        contacts.changing(item.owner());
    }

    /** The contact keys on the owner's roster. */
    public List<UserId> contactKeys(String owner) {
        return em.createQuery("SELECT r.contact FROM RosterItem r WHERE r.owner = :owner", UserId.class)
                .setParameter("owner", owner).getResultList();
    }

    /** Every local roster item that holds this contact key, whoever owns it. */
    public List<RosterItem> holding(UserId contact) {
        return em.createQuery("SELECT r FROM RosterItem r WHERE r.contact = :contact", RosterItem.class)
                .setParameter("contact", contact).getResultList();
    }

    /** Every request this address made that waits for a local user's answer. */
    public List<SubscriptionRequest> requestsBy(UserId requester) {
        return em.createQuery("SELECT r FROM SubscriptionRequest r WHERE r.requester = :requester", SubscriptionRequest.class)
                .setParameter("requester", requester).getResultList();
    }

    /** Whether some local roster holds this address. */
    public boolean held(UserId contact) {
        return em.createNamedQuery(RosterItem.HOLDERS_OF, Long.class).setParameter("contact", contact).getSingleResult() > 0;
    }

    /** The request of {@code requester} waiting for the owner's answer. */
    public Optional<SubscriptionRequest> request(String owner, UserId requester) {
        return em.createNamedQuery(SubscriptionRequest.BY_REQUESTER, SubscriptionRequest.class).setParameter("owner", owner)
                .setParameter("requester", requester).getResultStream().findFirst();
    }

    /** Requests waiting for the owner's answer, oldest first. */
    public List<SubscriptionRequest> requests(String owner) {
        return em.createNamedQuery(SubscriptionRequest.OF_OWNER, SubscriptionRequest.class).setParameter("owner", owner)
                .getResultList();
    }

    public void add(SubscriptionRequest request) {
        em.persist(request);
    }

    public void remove(SubscriptionRequest request) {
        em.remove(request);
    }
}
