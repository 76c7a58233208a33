package org.universalim.roster.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.AccountDeleted;
import org.universalim.roster.entity.RosterItem;

import java.util.ArrayList;
import java.util.List;

/**
 * Rosters when an account goes (in the deletion's transaction): the user's own roster and the requests waiting for
 * them go; contacts of other ISPs are told as any user leaving a contact tells them (their ISP stops sending
 * presence and drops its permission, also a peer that knows nothing of deleted accounts); and every local roster
 * that holds the user drops them, its owner told at once ({@link #forgetContact}, also for a user another ISP
 * reports gone).
 */
@ApplicationScoped
public class RosterErasure {

    @EJB
    RosterItems items;

    @EJB
    ContactAddresses addresses;

    @Inject
    RosterEntries entries;

    @Inject
    ForeignSubscriptions foreign;

    @Inject
    IspSettings isp;

    @Inject
    Event<RosterChanged> rosterChanged;

    void accountDeleted(@Observes @Priority(AccountDeleted.ROSTER) AccountDeleted deleted) {
        String user = deleted.userName();
        UserId shown = addresses.shownUser(user);
        record Foreign(UserId contact, boolean watched, boolean watching) {
        }
        List<Foreign> toTell = new ArrayList<>();
        for (RosterItem item : items.of(user)) {
            UserId key = item.contact();
            if (!isp.isLocal(key)) {
                toTell.add(new Foreign(key, item.subscription().seesContact() || item.asking(),
                        item.subscription().contactSeesOwner()));
            }
            items.remove(item);
        }
        items.requests(user).forEach(items::remove);
        for (Foreign f : toTell) {
            if (f.watched()) {
                foreign.unsubscribe(user, shown, f.contact());
            }
            if (f.watching()) {
                foreign.answer(user, shown, f.contact(), false);
            }
        }
        forgetContact(deleted.localAddress());
    }

    /**
     * An address that no longer names anybody (a deleted local user, by their local address; a user another ISP
     * reports gone): it leaves every local roster, each owner told, and its requests waiting for answers go.
     */
    public void forgetContact(UserId contactKey) {
        for (RosterItem item : items.holding(contactKey)) {
            RosterEntry entry = entries.of(item, false);
            items.remove(item);
            rosterChanged.fire(new RosterChanged(item.owner(), entry, true));
        }
        items.requestsBy(contactKey).forEach(items::remove);
    }
}
