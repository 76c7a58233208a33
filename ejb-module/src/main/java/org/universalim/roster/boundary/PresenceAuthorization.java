package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.Subscription;

import java.util.List;

/**
 * Who may see whose presence: nobody sees a user's presence (nor availability windows, nor connection
 * details) without that user's consent, given by approving a subscription.
 */
@Stateless
public class PresenceAuthorization {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    ContactAddresses addresses;

    /** Whether local user {@code watcher} may see the presence of {@code target}. */
    public boolean mayWatch(String watcher, UserId target) {
        UserId key = addresses.key(target);
        if (addresses.localUser(key).map(s -> s.userName().equals(watcher)).orElse(false)) {
            return true;
        }
        return em.createNamedQuery(RosterItem.BY_CONTACT, RosterItem.class).setParameter("owner", watcher)
                .setParameter("contact", key.toString()).getResultStream().findFirst()
                .map(item -> item.subscription().seesContact()).orElse(false);
    }

    /** Whether local user {@code owner} lets {@code watcher} (an address, e.g. of another ISP) see their presence. */
    public boolean letsSee(String owner, String watcher) {
        return em.createNamedQuery(RosterItem.BY_CONTACT, RosterItem.class).setParameter("owner", owner)
                .setParameter("contact", watcher).getResultStream().findFirst()
                .map(item -> item.subscription().contactSeesOwner()).orElse(false);
    }

    /** The local users who see a local user's presence. */
    public List<String> localWatchersOf(String userName, String localAddress) {
        return em.createNamedQuery(RosterItem.WATCHERS_OF, RosterItem.class).setParameter("contact", localAddress)
                .setParameter("to", Subscription.TO).setParameter("both", Subscription.BOTH)
                .getResultStream().map(RosterItem::owner).filter(owner -> !owner.equals(userName)).toList();
    }
}
