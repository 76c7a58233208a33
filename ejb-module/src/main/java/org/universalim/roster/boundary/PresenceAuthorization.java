package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.Subscription;

import java.util.List;
import java.util.Optional;

/**
 * Who may see whose presence: nobody sees a user's presence (nor availability windows, nor connection
 * details) without that user's consent, given by approving a subscription; and nobody sees it across a block,
 * either way (a user who blocks an address neither shows their presence to it nor sees its presence).
 */
@Stateless
public class PresenceAuthorization {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    ContactAddresses addresses;

    @Inject
    PrivacyGate privacy;

    /** Whether local user {@code watcher} may see the presence of {@code target}. */
    public boolean mayWatch(String watcher, UserId target) {
        if (!granted(watcher, target)) {
            return false;
        }
        Optional<Subscriber> local = addresses.localUser(addresses.key(target));
        boolean blocked = local.map(s -> privacy.apart(watcher, s.userName())).orElseGet(() -> privacy.blocks(watcher, target));
        return !blocked;
    }

    /**
     * Whether {@code target} granted local user {@code watcher} their presence, blocks aside (FIG. 6 then answers
     * a blocked requester "not available", as if the target were offline, never "not authorized").
     */
    public boolean granted(String watcher, UserId target) {
        UserId key = addresses.key(target);
        if (addresses.localUser(key).map(s -> s.userName().equals(watcher)).orElse(false)) {
            return true;
        }
        return em.createNamedQuery(RosterItem.BY_CONTACT, RosterItem.class).setParameter("owner", watcher)
                .setParameter("contact", key).getResultStream().findFirst()
                .map(item -> item.subscription().seesContact()).orElse(false);
    }

    /** Whether local user {@code owner} lets {@code watcher} (an address, e.g. of another ISP) see their presence. */
    public boolean letsSee(String owner, UserId watcher) {
        return lets(owner, watcher) && !privacy.blocks(owner, watcher);
    }

    /** Whether local user {@code owner} granted {@code watcher} their presence, blocks aside. */
    public boolean lets(String owner, UserId watcher) {
        return em.createNamedQuery(RosterItem.BY_CONTACT, RosterItem.class).setParameter("owner", owner)
                .setParameter("contact", watcher).getResultStream().findFirst()
                .map(item -> item.subscription().contactSeesOwner()).orElse(false);
    }

    /**
     * The local users who see a user's presence: a local user ({@code userName}, at {@code localAddress}), or a user
     * of another ISP ({@code userName} empty, at that address). Those who block the user, or whom the user blocks,
     * are not among them.
     */
    public List<String> localWatchersOf(String userName, UserId localAddress) {
        boolean local = userName != null && !userName.isEmpty();
        return em.createNamedQuery(RosterItem.WATCHERS_OF, RosterItem.class).setParameter("contact", localAddress)
                .setParameter("to", Subscription.TO).setParameter("both", Subscription.BOTH)
                .getResultStream().map(RosterItem::owner).filter(owner -> !owner.equals(userName))
                .filter(owner -> local ? !privacy.apart(owner, userName) : !privacy.blocks(owner, localAddress)).toList();
    }
}
