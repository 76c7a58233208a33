package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.SubscriptionRequest;

import java.time.Clock;
import java.util.Optional;

/**
 * The other side of a presence subscription, decided in this one place: a user of this ISP, whose roster
 * item and pending requests change here in the same transaction (and who is told through events), or a user
 * of another ISP, reached through the roster's port {@link ForeignSubscriptions}; or nobody (an address of
 * this ISP that names no user).
 */
@Stateless
public class SubscriptionSides {

    @EJB
    ContactAddresses addresses;

    @EJB
    RosterItems items;

    @Inject
    RosterEntries entries;

    @Inject
    ForeignSubscriptions foreign;

    @Inject
    IspSettings isp;

    @Inject
    PrivacyGate privacy;

    @Inject
    Clock clock;

    @Inject
    Event<RosterChanged> rosterChanged;

    @Inject
    Event<SubscriptionRequested> requested;

    @Inject
    Event<SubscriptionAnswered> answered;

    /** What the owner's subscription with a contact does on the contact's side. */
    public interface Side {

        /** The owner asks to see the contact's presence (the owner's item is marked as asking already). */
        void ask(String owner, RosterItem item, String message);

        /** The owner lets the contact see the owner's presence, or refuses or revokes it. */
        void answer(String owner, boolean approved);

        /** The owner stops watching the contact. */
        void withdraw(String owner);
    }

    /** The side of a contact key. */
    public Side of(UserId key) {
        Optional<Subscriber> local = addresses.localUser(key);
        if (local.isPresent()) {
            return new LocalUser(local.get().userName());
        }
        return isp.isLocal(key) ? NOBODY : new OtherIsp(key);
    }

    private static final Side NOBODY = new Side() {
        @Override
        public void ask(String owner, RosterItem item, String message) {
            // refused before: a contact of this ISP must exist
        }

        @Override
        public void answer(String owner, boolean approved) {
        }

        @Override
        public void withdraw(String owner) {
        }
    };

    /** A user of this ISP: their item for the owner is the other half of the subscription. */
    private final class LocalUser implements Side {
        private final String contactUser;

        LocalUser(String contactUser) {
            this.contactUser = contactUser;
        }

        private UserId ownerKey(String owner) {
            return isp.localAddress(owner);
        }

        @Override
        public void ask(String owner, RosterItem item, String message) {
            if (privacy.blocks(contactUser, isp.localAddress(owner))) {
                return; // blocked: the request goes nowhere, and the asker is not told why it stays unanswered
            }
            RosterItem theirs = items.item(contactUser, ownerKey(owner)).orElse(null);
            if (theirs != null && theirs.subscription().contactSeesOwner()) {
                // granted already: answer at once
                item.approvedByContact();
                answered.fire(new SubscriptionAnswered(owner, addresses.shownUser(contactUser), true));
                return;
            }
            if (items.request(contactUser, ownerKey(owner)).isEmpty()) {
                items.add(new SubscriptionRequest(contactUser, ownerKey(owner), message, clock.instant()));
            }
            requested.fire(new SubscriptionRequested(contactUser, addresses.addressOf(owner), message));
        }

        @Override
        public void answer(String owner, boolean approved) {
            items.item(contactUser, ownerKey(owner)).ifPresent(theirs -> {
                if (approved) {
                    theirs.approvedByContact();
                } else {
                    theirs.deniedByContact();
                }
                rosterChanged.fire(new RosterChanged(theirs.owner(), entries.of(theirs, false), false));
            });
            answered.fire(new SubscriptionAnswered(contactUser, addresses.shownUser(owner), approved));
        }

        @Override
        public void withdraw(String owner) {
            items.request(contactUser, ownerKey(owner)).ifPresent(items::remove);
            items.item(contactUser, ownerKey(owner)).ifPresent(theirs -> {
                theirs.disallowContact();
                if (theirs.isEmpty()) {
                    items.remove(theirs);
                } else {
                    rosterChanged.fire(new RosterChanged(theirs.owner(), entries.of(theirs, false), false));
                }
            });
        }
    }

    /** A user of another ISP: their ISP is asked and told through the federation. */
    private final class OtherIsp implements Side {
        private final UserId contact;

        OtherIsp(UserId contact) {
            this.contact = contact;
        }

        @Override
        public void ask(String owner, RosterItem item, String message) {
            foreign.subscribe(owner, addresses.shownUser(owner), contact, message);
        }

        @Override
        public void answer(String owner, boolean approved) {
            foreign.answer(owner, addresses.shownUser(owner), contact, approved);
        }

        @Override
        public void withdraw(String owner) {
            foreign.unsubscribe(owner, addresses.shownUser(owner), contact);
        }
    }
}
