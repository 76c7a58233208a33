package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.universalim.platform.ConflictException;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.SubscriptionRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Rosters (R5) and presence authorization as the owner's client asks: contacts with names and groups,
 * subscription requests, approvals, denials and revocations. What that does on the contact's side, a user of
 * this ISP or of another, is {@link SubscriptionSides}; the items are {@link RosterItems}; what other ISPs ask
 * is {@link ForeignRequests}.
 */
@Stateless
public class RosterService {

    public static final int MAX_ITEMS = 1_000;

    @EJB
    ContactAddresses addresses;

    @EJB
    RosterItems items;

    @EJB
    SubscriptionSides sides;

    @Inject
    RosterEntries entries;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    PrivacyGate privacy;

    @Inject
    Event<RosterChanged> rosterChanged;

    @Inject
    Event<SubscriptionAnswered> answered;


    /** The user's roster with the presence of every contact who lets the user see it. */
    public List<RosterEntry> roster(String owner) {
        List<RosterEntry> roster = new ArrayList<>();
        for (RosterItem item : items.of(owner)) {
            if (item.visible()) {
                roster.add(entries.of(item, true));
            }
        }
        return roster;
    }

    /** One roster entry, if the contact is on the roster. */
    public Optional<RosterEntry> entry(String owner, String contactText) {
        UserId key = addresses.key(addresses.parse("contact", contactText));
        return items.item(owner, key).filter(RosterItem::visible).map(i -> entries.of(i, true));
    }

    /**
     * Puts a contact on the roster (or updates name and groups of one already there) and, when
     * {@code subscribe}, asks to see the contact's presence.
     */
    public RosterEntry add(String owner, String contactText, String name, Collection<String> groups, boolean subscribe) {
        UserId contact = addresses.parse("contact", contactText);
        UserId key = addresses.key(contact);
        checkContact(owner, contact, key);
        RosterItem item = items.item(owner, key).orElse(null);
        if (item == null) {
            if (items.of(owner).size() >= MAX_ITEMS) {
                throw new ConflictException("roster_full", "a roster holds at most " + MAX_ITEMS + " contacts");
            }
            item = new RosterItem(owner, key, clock.instant());
            items.add(item);
        }
        item.show();
        describe(item, name, groups);
        if (subscribe && !item.subscription().seesContact()) {
            ask(owner, item, key, null);
        }
        return changed(owner, item);
    }

    /** Renames or regroups a contact on the roster. */
    public RosterEntry update(String owner, String contactText, String name, Collection<String> groups) {
        RosterItem item = visibleItem(owner, contactText);
        describe(item, name, groups);
        return changed(owner, item);
    }

    /**
     * Takes a contact off the roster: the user stops seeing the contact's presence and the contact stops
     * seeing the user's.
     */
    public void remove(String owner, String contactText) {
        RosterItem item = visibleItem(owner, contactText);
        UserId key = item.contact();
        SubscriptionSides.Side side = sides.of(key);
        if (item.subscription().seesContact() || item.asking()) {
            item.deniedByContact();
            side.withdraw(owner);
        }
        if (item.subscription().contactSeesOwner()) {
            item.disallowContact();
            side.answer(owner, false);
        }
        items.request(owner, key).ifPresent(items::remove);
        RosterEntry entry = entries.of(item, false);
        items.remove(item);
        rosterChanged.fire(new RosterChanged(owner, entry, true));
    }

    /** Asks to see a contact's presence; the contact is put on the roster if needed. */
    public RosterEntry subscribe(String owner, String contactText, String message) {
        UserId contact = addresses.parse("contact", contactText);
        UserId key = addresses.key(contact);
        checkContact(owner, contact, key);
        RosterItem item = items.item(owner, key).orElseGet(() -> {
            RosterItem created = new RosterItem(owner, key, clock.instant());
            items.add(created);
            return created;
        });
        item.show();
        if (!item.subscription().seesContact()) {
            ask(owner, item, key, message);
        } else {
            // asked again for what the contact granted: answered for the contact at once (RFC 6121 3.1.3)
            answered.fire(new SubscriptionAnswered(owner, addresses.shownAddress(key), true));
        }
        return changed(owner, item);
    }

    /** Lets {@code requester} see the owner's presence (answering their request, or granting ahead). */
    public RosterEntry approve(String owner, String requesterText) {
        UserId requester = addresses.key(addresses.parse("contact", requesterText));
        Optional<SubscriptionRequest> request = items.request(owner, requester);
        RosterItem item = items.item(owner, requester).orElse(null);
        if (request.isEmpty() && (item == null || !item.visible())) {
            throw new NotFoundException("no request from " + requesterText + " to answer");
        }
        request.ifPresent(items::remove);
        if (item == null) {
            item = new RosterItem(owner, requester, clock.instant());
            items.add(item);
        }
        item.show();
        item.allowContact();
        sides.of(requester).answer(owner, true);
        return changed(owner, item);
    }

    /** Refuses (or withdraws) {@code requester}'s permission to see the owner's presence. */
    public void deny(String owner, String requesterText) {
        UserId requester = addresses.key(addresses.parse("contact", requesterText));
        Optional<SubscriptionRequest> request = items.request(owner, requester);
        RosterItem item = items.item(owner, requester).orElse(null);
        boolean granted = item != null && item.subscription().contactSeesOwner();
        if (request.isEmpty() && !granted) {
            throw new NotFoundException("no request from " + requesterText + " to answer");
        }
        request.ifPresent(items::remove);
        if (item != null) {
            item.disallowContact();
        }
        sides.of(requester).answer(owner, false);
        if (item != null) {
            if (item.isEmpty()) {
                items.remove(item);
            } else {
                rosterChanged.fire(new RosterChanged(owner, entries.of(item, false), false));
            }
        }
    }

    /** The owner stops seeing a contact's presence (the contact stays on the roster). */
    public RosterEntry unsubscribe(String owner, String contactText) {
        RosterItem item = visibleItem(owner, contactText);
        item.deniedByContact();
        sides.of(item.contact()).withdraw(owner);
        return changed(owner, item);
    }

    /** Requests waiting for the owner's answer, oldest first (none from an address the owner blocks). */
    public List<PendingRequest> pendingRequests(String owner) {
        return items.requests(owner).stream().filter(r -> !privacy.blocks(owner, r.requester()))
                .map(r -> new PendingRequest(addresses.display(r.requester()), r.message(), r.requestedAt())).toList();
    }

    // --- internals

    private void ask(String owner, RosterItem item, UserId key, String message) {
        if (privacy.blocks(owner, key)) {
            throw new ConflictException("blocked", "you block " + key + ": unblock them first");
        }
        item.ask();
        sides.of(key).ask(owner, item, trim(message));
    }

    private RosterEntry changed(String owner, RosterItem item) {
        RosterEntry entry = entries.of(item, false);
        rosterChanged.fire(new RosterChanged(owner, entry, false));
        return entry;
    }

    private void checkContact(String owner, UserId contact, UserId key) {
        if (isp.isLocal(key)) {
            Optional<Subscriber> local = addresses.localUser(contact);
            if (local.isEmpty()) {
                throw new InvalidRequestException("contact", "there is no user " + contact + " at this ISP");
            }
            if (local.get().userName().equals(owner)) {
                throw new InvalidRequestException("contact", "you cannot add yourself");
            }
        }
    }

    private static void describe(RosterItem item, String name, Collection<String> groups) {
        List<FieldError> errors = new ArrayList<>();
        String cleanName = name == null || name.isBlank() ? null : name.strip();
        if (cleanName != null && cleanName.length() > RosterItem.MAX_NAME) {
            errors.add(new FieldError("name", "a contact name has at most " + RosterItem.MAX_NAME + " characters"));
        }
        List<String> cleanGroups = new ArrayList<>();
        if (groups != null) {
            for (String g : groups) {
                if (g == null || g.isBlank() || g.strip().length() > RosterItem.MAX_NAME) {
                    errors.add(new FieldError("groups", "a group name has 1 to " + RosterItem.MAX_NAME + " characters"));
                } else {
                    cleanGroups.add(g.strip());
                }
            }
            if (cleanGroups.size() > RosterItem.MAX_GROUPS) {
                errors.add(new FieldError("groups", "a contact is in at most " + RosterItem.MAX_GROUPS + " groups"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (name != null) {
            item.rename(cleanName);
        }
        if (groups != null) {
            item.regroup(cleanGroups);
        }
    }

    private RosterItem visibleItem(String owner, String contactText) {
        UserId key = addresses.key(addresses.parse("contact", contactText));
        return items.item(owner, key).filter(RosterItem::visible)
                .orElseThrow(() -> new NotFoundException(contactText + " is not on your roster"));
    }

    private static String trim(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String m = message.strip();
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
