package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.ConflictException;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;
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
 * Rosters (R5) and presence authorization: contacts with names and groups, subscription requests,
 * approvals, denials and revocations, between users of this ISP or, through the federation port, with
 * users of other ISPs.
 */
@Stateless
public class RosterService {

    public static final int MAX_ITEMS = 1_000;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceDirectory directory;

    @Inject
    Instance<ForeignSubscriptions> foreign;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Event<RosterChanged> rosterChanged;

    @Inject
    Event<SubscriptionRequested> requested;

    @Inject
    Event<SubscriptionAnswered> answered;

    /** The user's roster with the presence of every contact who lets the user see it. */
    public List<RosterEntry> roster(String owner) {
        List<RosterEntry> entries = new ArrayList<>();
        for (RosterItem item : items(owner)) {
            if (item.visible()) {
                entries.add(entry(item, true));
            }
        }
        return entries;
    }

    /** One roster entry, if the contact is on the roster. */
    public Optional<RosterEntry> entry(String owner, String contactText) {
        UserId key = addresses.key(addresses.parse("contact", contactText));
        return item(owner, key.toString()).filter(RosterItem::visible).map(i -> entry(i, true));
    }

    /**
     * Puts a contact on the roster (or updates name and groups of one already there) and, when
     * {@code subscribe}, asks to see the contact's presence.
     */
    public RosterEntry add(String owner, String contactText, String name, Collection<String> groups, boolean subscribe) {
        UserId contact = addresses.parse("contact", contactText);
        UserId key = addresses.key(contact);
        checkContact(owner, contact, key);
        RosterItem item = item(owner, key.toString()).orElse(null);
        if (item == null) {
            if (items(owner).size() >= MAX_ITEMS) {
                throw new ConflictException("roster_full", "a roster holds at most " + MAX_ITEMS + " contacts");
            }
            item = new RosterItem(owner, key.toString(), clock.instant());
            em.persist(item);
        }
        item.show();
        describe(item, name, groups);
        if (subscribe && !item.subscription().seesContact()) {
            subscribe(owner, item, key, null);
        }
        RosterEntry entry = entry(item, false);
        rosterChanged.fire(new RosterChanged(owner, entry, false));
        return entry;
    }

    /** Renames or regroups a contact on the roster. */
    public RosterEntry update(String owner, String contactText, String name, Collection<String> groups) {
        RosterItem item = visibleItem(owner, contactText);
        describe(item, name, groups);
        RosterEntry entry = entry(item, false);
        rosterChanged.fire(new RosterChanged(owner, entry, false));
        return entry;
    }

    /**
     * Takes a contact off the roster: the user stops seeing the contact's presence and the contact stops
     * seeing the user's.
     */
    public void remove(String owner, String contactText) {
        RosterItem item = visibleItem(owner, contactText);
        UserId key = UserId.parse(item.contact());
        if (item.subscription().seesContact() || item.asking()) {
            stopWatching(owner, item, key);
        }
        if (item.subscription().contactSeesOwner()) {
            revoke(owner, item, key);
        }
        findRequest(owner, key.toString()).ifPresent(em::remove);
        RosterEntry entry = entry(item, false);
        em.remove(item);
        rosterChanged.fire(new RosterChanged(owner, entry, true));
    }

    /** Asks to see a contact's presence; the contact is put on the roster if needed. */
    public RosterEntry subscribe(String owner, String contactText, String message) {
        UserId contact = addresses.parse("contact", contactText);
        UserId key = addresses.key(contact);
        checkContact(owner, contact, key);
        RosterItem item = item(owner, key.toString()).orElseGet(() -> {
            RosterItem created = new RosterItem(owner, key.toString(), clock.instant());
            em.persist(created);
            return created;
        });
        item.show();
        if (!item.subscription().seesContact()) {
            subscribe(owner, item, key, message);
        }
        RosterEntry entry = entry(item, false);
        rosterChanged.fire(new RosterChanged(owner, entry, false));
        return entry;
    }

    /** Lets {@code requester} see the owner's presence (answering their request, or granting ahead). */
    public RosterEntry approve(String owner, String requesterText) {
        UserId requester = addresses.key(addresses.parse("contact", requesterText));
        Optional<SubscriptionRequest> request = findRequest(owner, requester.toString());
        RosterItem item = item(owner, requester.toString()).orElse(null);
        if (request.isEmpty() && (item == null || !item.visible())) {
            throw new NotFoundException("no request from " + requesterText + " to answer");
        }
        request.ifPresent(em::remove);
        if (item == null) {
            item = new RosterItem(owner, requester.toString(), clock.instant());
            em.persist(item);
        }
        item.show();
        item.allowContact();
        Optional<Subscriber> local = addresses.localUser(requester);
        if (local.isPresent()) {
            RosterItem theirs = item(local.get().userName(), isp.localAddress(owner).toString()).orElse(null);
            if (theirs != null) {
                theirs.approvedByContact();
                rosterChanged.fire(new RosterChanged(theirs.owner(), entry(theirs, false), false));
            }
            answered.fire(new SubscriptionAnswered(local.get().userName(), addresses.addressOf(owner), true));
        } else if (!isp.isLocal(requester)) {
            foreign.get().answer(owner, addresses.addressOf(owner), requester, true);
        }
        RosterEntry entry = entry(item, false);
        rosterChanged.fire(new RosterChanged(owner, entry, false));
        return entry;
    }

    /** Refuses (or withdraws) {@code requester}'s permission to see the owner's presence. */
    public void deny(String owner, String requesterText) {
        UserId requester = addresses.key(addresses.parse("contact", requesterText));
        Optional<SubscriptionRequest> request = findRequest(owner, requester.toString());
        RosterItem item = item(owner, requester.toString()).orElse(null);
        boolean granted = item != null && item.subscription().contactSeesOwner();
        if (request.isEmpty() && !granted) {
            throw new NotFoundException("no request from " + requesterText + " to answer");
        }
        request.ifPresent(em::remove);
        if (item != null) {
            revoke(owner, item, requester);
            if (item.isEmpty()) {
                em.remove(item);
            } else {
                rosterChanged.fire(new RosterChanged(owner, entry(item, false), false));
            }
        } else {
            tellRequester(owner, requester, false);
        }
    }

    /** The owner stops seeing a contact's presence (the contact stays on the roster). */
    public RosterEntry unsubscribe(String owner, String contactText) {
        RosterItem item = visibleItem(owner, contactText);
        stopWatching(owner, item, UserId.parse(item.contact()));
        RosterEntry entry = entry(item, false);
        rosterChanged.fire(new RosterChanged(owner, entry, false));
        return entry;
    }

    /** Requests waiting for the owner's answer, oldest first. */
    public List<PendingRequest> pendingRequests(String owner) {
        return em.createNamedQuery(SubscriptionRequest.OF_OWNER, SubscriptionRequest.class).setParameter("owner", owner)
                .getResultStream().map(r -> new PendingRequest(addresses.display(r.requester()), r.message(), r.requestedAt()))
                .toList();
    }

    /**
     * A user of another ISP asks (through the federation) to see a local user's presence. Recorded for
     * the owner's answer, or approved at once when already granted.
     *
     * @return whether it is already approved
     */
    public boolean foreignSubscriptionRequest(String owner, UserId requester, String message) {
        RosterItem item = item(owner, requester.toString()).orElse(null);
        if (item != null && item.subscription().contactSeesOwner()) {
            return true;
        }
        if (findRequest(owner, requester.toString()).isEmpty()) {
            em.persist(new SubscriptionRequest(owner, requester.toString(), message, clock.instant()));
            requested.fire(new SubscriptionRequested(owner, requester.toString(), message));
        }
        return false;
    }

    /** A user of another ISP answered a local user's request (or revoked it). */
    public void foreignSubscriptionAnswer(String owner, UserId contact, boolean approved) {
        item(owner, contact.toString()).ifPresent(item -> {
            if (approved) {
                item.approvedByContact();
            } else {
                item.deniedByContact();
            }
            rosterChanged.fire(new RosterChanged(owner, entry(item, false), false));
            answered.fire(new SubscriptionAnswered(owner, contact.toString(), approved));
        });
    }

    /** A user of another ISP stopped watching a local user. */
    public void foreignUnsubscribe(String owner, UserId watcher) {
        item(owner, watcher.toString()).ifPresent(item -> {
            item.disallowContact();
            if (item.isEmpty()) {
                em.remove(item);
            }
        });
    }

    /** Foreign users that some local roster holds (the Universal IM server tracks only these, R5). */
    public boolean isOnSomeRoster(String address) {
        return em.createNamedQuery(RosterItem.HOLDERS_OF, Long.class).setParameter("contact", address).getSingleResult() > 0;
    }

    // --- internals

    private void subscribe(String owner, RosterItem item, UserId key, String message) {
        item.ask();
        Optional<Subscriber> local = addresses.localUser(key);
        if (local.isPresent()) {
            String contactUser = local.get().userName();
            String ownerKey = isp.localAddress(owner).toString();
            RosterItem theirs = item(contactUser, ownerKey).orElse(null);
            if (theirs != null && theirs.subscription().contactSeesOwner()) {
                // granted already: answer at once
                item.approvedByContact();
                answered.fire(new SubscriptionAnswered(owner, addresses.addressOf(contactUser), true));
                return;
            }
            if (findRequest(contactUser, ownerKey).isEmpty()) {
                em.persist(new SubscriptionRequest(contactUser, ownerKey, trim(message), clock.instant()));
            }
            requested.fire(new SubscriptionRequested(contactUser, addresses.addressOf(owner), trim(message)));
        } else {
            foreign.get().subscribe(owner, addresses.addressOf(owner), key, trim(message));
        }
    }

    private void stopWatching(String owner, RosterItem item, UserId key) {
        item.deniedByContact();
        Optional<Subscriber> local = addresses.localUser(key);
        if (local.isPresent()) {
            String ownerKey = isp.localAddress(owner).toString();
            findRequest(local.get().userName(), ownerKey).ifPresent(em::remove);
            item(local.get().userName(), ownerKey).ifPresent(theirs -> {
                theirs.disallowContact();
                if (theirs.isEmpty()) {
                    em.remove(theirs);
                } else {
                    rosterChanged.fire(new RosterChanged(theirs.owner(), entry(theirs, false), false));
                }
            });
        } else if (!isp.isLocal(key)) {
            foreign.get().unsubscribe(owner, addresses.addressOf(owner), key);
        }
    }

    private void revoke(String owner, RosterItem item, UserId requester) {
        item.disallowContact();
        tellRequester(owner, requester, false);
    }

    private void tellRequester(String owner, UserId requester, boolean approved) {
        Optional<Subscriber> local = addresses.localUser(requester);
        if (local.isPresent()) {
            item(local.get().userName(), isp.localAddress(owner).toString()).ifPresent(theirs -> {
                if (approved) {
                    theirs.approvedByContact();
                } else {
                    theirs.deniedByContact();
                }
                rosterChanged.fire(new RosterChanged(theirs.owner(), entry(theirs, false), false));
            });
            answered.fire(new SubscriptionAnswered(local.get().userName(), addresses.addressOf(owner), approved));
        } else if (!isp.isLocal(requester)) {
            foreign.get().answer(owner, addresses.addressOf(owner), requester, approved);
        }
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

    private RosterEntry entry(RosterItem item, boolean withPresence) {
        UserId key = UserId.parse(item.contact());
        boolean sameIsp = isp.isLocal(key);
        UserPresence presence = null;
        if (withPresence && item.subscription().seesContact()) {
            presence = sameIsp ? addresses.localUser(key).map(s -> directory.presence(s.userName())).orElse(null)
                    : foreign.get().presence(key).orElse(null);
        }
        return new RosterEntry(addresses.display(item.contact()), item.name(), item.groups(), item.subscription(),
                item.asking(), addresses.isUniversal(item.contact()), sameIsp, presence);
    }

    private List<RosterItem> items(String owner) {
        return em.createNamedQuery(RosterItem.OF_OWNER, RosterItem.class).setParameter("owner", owner).getResultList();
    }

    private Optional<RosterItem> item(String owner, String key) {
        return em.createNamedQuery(RosterItem.BY_CONTACT, RosterItem.class).setParameter("owner", owner)
                .setParameter("contact", key).getResultStream().findFirst();
    }

    private RosterItem visibleItem(String owner, String contactText) {
        UserId key = addresses.key(addresses.parse("contact", contactText));
        return item(owner, key.toString()).filter(RosterItem::visible)
                .orElseThrow(() -> new NotFoundException(contactText + " is not on your roster"));
    }

    private Optional<SubscriptionRequest> findRequest(String owner, String requester) {
        return em.createNamedQuery(SubscriptionRequest.BY_REQUESTER, SubscriptionRequest.class).setParameter("owner", owner)
                .setParameter("requester", requester).getResultStream().findFirst();
    }

    private static String trim(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String m = message.strip();
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
