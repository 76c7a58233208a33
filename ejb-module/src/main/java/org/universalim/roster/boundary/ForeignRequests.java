package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.SubscriptionRequest;

import java.time.Clock;

/**
 * What users of other ISPs ask of local users' rosters, as their ISPs tell it through the federation (R5):
 * requests to see a local user's presence, answers to a local user's requests, and the end of their watching.
 */
@Stateless
public class ForeignRequests {

    @EJB
    RosterItems items;

    @Inject
    RosterEntries entries;

    @Inject
    Clock clock;

    @Inject
    PrivacyGate privacy;

    @Inject
    Event<RosterChanged> rosterChanged;

    @Inject
    Event<SubscriptionRequested> requested;

    @Inject
    Event<SubscriptionAnswered> answered;

    /**
     * A user of another ISP asks to see a local user's presence. Recorded for the owner's answer, or approved
     * at once when already granted.
     *
     * @return whether it is already approved
     */
    public boolean subscriptionRequest(String owner, UserId requester, String message) {
        if (privacy.blocks(owner, requester)) {
            return false; // blocked: dropped here, at our boundary; the requester's ISP is not told
        }
        RosterItem item = items.item(owner, requester).orElse(null);
        if (item != null && item.subscription().contactSeesOwner()) {
            return true;
        }
        if (items.request(owner, requester).isEmpty()) {
            items.add(new SubscriptionRequest(owner, requester, message, clock.instant()));
            requested.fire(new SubscriptionRequested(owner, requester.toString(), message));
        }
        return false;
    }

    /** A user of another ISP answered a local user's request (or revoked it). */
    public void subscriptionAnswer(String owner, UserId contact, boolean approved) {
        items.item(owner, contact).ifPresent(item -> {
            if (approved) {
                item.approvedByContact();
            } else {
                item.deniedByContact();
            }
            rosterChanged.fire(new RosterChanged(owner, entries.of(item, false), false));
            answered.fire(new SubscriptionAnswered(owner, contact, approved));
        });
    }

    /** A user of another ISP stopped watching a local user. */
    public void unsubscribe(String owner, UserId watcher) {
        items.item(owner, watcher).ifPresent(item -> {
            item.disallowContact();
            if (item.isEmpty()) {
                items.remove(item);
            }
        });
    }

    /** Whether some local roster holds this foreign user (the Universal IM server tracks only these, R5). */
    public boolean isOnSomeRoster(UserId address) {
        return items.held(address);
    }
}
