package org.universalim.roster.boundary;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.registration.entity.PersonalAttributes;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.SubscriptionRequest;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The roster's collaborators for plain unit tests, set directly. */
final class RosterFakes {

    static final IspSettings ISP = IspSettings.of("isp-a.example", "-u", "suffix", "node1");
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private RosterFakes() {
    }

    /** The subscribers of this ISP, by name. */
    static final class Users extends ContactAddresses {
        final Map<String, Subscriber> byName = new HashMap<>();

        Users(String... names) {
            this.isp = ISP;
            this.display = new org.universalim.registration.boundary.AddressDisplay(ISP, name -> Optional.ofNullable(byName.get(name)));
            for (String name : names) {
                add(name, false);
            }
        }

        Users add(String name, boolean universal) {
            Subscriber s = new Subscriber(name, new PersonalAttributes(name, "1 Main St", "B-1", name, name + "@mail.example"),
                    "UTC", NOW);
            if (universal) {
                s.becomeUniversal(NOW);
            }
            byName.put(name, s);
            return this;
        }

        @Override
        public Optional<Subscriber> localUser(UserId address) {
            if (!isp.isLocal(address)) {
                return Optional.empty();
            }
            return Optional.ofNullable(byName.get(address.localPart())).filter(s -> !address.isUniversal(isp.marker()) || s.isUniversal());
        }

        @Override
        public String display(UserId key) {
            return key.toString();
        }

        @Override
        public boolean isUniversal(UserId key) {
            return false;
        }

        @Override
        public String addressOf(String userName) {
            Subscriber s = byName.get(userName);
            return display.shown(userName, s != null && s.isUniversal()).toString();
        }
    }

    /** Roster items and requests in memory. */
    static final class Items extends RosterItems {
        final List<RosterItem> items = new ArrayList<>();
        final List<SubscriptionRequest> requests = new ArrayList<>();

        @Override
        public List<RosterItem> of(String owner) {
            return items.stream().filter(i -> i.owner().equals(owner)).toList();
        }

        @Override
        public Optional<RosterItem> item(String owner, UserId contact) {
            return items.stream().filter(i -> i.owner().equals(owner) && i.contact().equals(contact)).findFirst();
        }

        @Override
        public void add(RosterItem item) {
            items.add(item);
        }

        @Override
        public void remove(RosterItem item) {
            items.remove(item);
        }

        @Override
        public boolean held(UserId contact) {
            return items.stream().anyMatch(i -> i.contact().equals(contact));
        }

        @Override
        public Optional<SubscriptionRequest> request(String owner, UserId requester) {
            return requests.stream().filter(r -> r.owner().equals(owner) && r.requester().equals(requester)).findFirst();
        }

        @Override
        public List<SubscriptionRequest> requests(String owner) {
            return requests.stream().filter(r -> r.owner().equals(owner)).toList();
        }

        @Override
        public void add(SubscriptionRequest request) {
            requests.add(request);
        }

        @Override
        public void remove(SubscriptionRequest request) {
            requests.remove(request);
        }
    }

    /** Block lists in memory: owner -> the addresses they block. */
    static final class Blocks extends PrivacyGate {
        final Map<String, List<String>> blocked = new HashMap<>();

        Blocks block(String owner, String address) {
            blocked.computeIfAbsent(owner, o -> new ArrayList<>()).add(address);
            return this;
        }

        @Override
        public boolean blocks(String owner, UserId address) {
            return blocked.getOrDefault(owner, List.of()).stream()
                    .anyMatch(a -> UserId.parse(a).toLocal(ISP.marker()).equals(address.toLocal(ISP.marker())));
        }

        @Override
        public boolean blocks(String owner, String address) {
            return blocks(owner, UserId.parse(address));
        }

        @Override
        public boolean apart(String userA, String userB) {
            return blocks(userA, ISP.localAddress(userB)) || blocks(userB, ISP.localAddress(userA));
        }
    }

    /** Another ISP, as the roster's port reaches it: what was asked of it is recorded. */
    static final class OtherIsps implements ForeignSubscriptions {
        final List<String> asked = new ArrayList<>();

        @Override
        public void subscribe(String requesterUser, UserId requester, UserId contact, String message) {
            asked.add("subscribe " + requester + " -> " + contact);
        }

        @Override
        public void answer(String ownerUser, UserId owner, UserId requester, boolean approved) {
            asked.add((approved ? "approve " : "deny ") + owner + " -> " + requester);
        }

        @Override
        public void unsubscribe(String requesterUser, UserId requester, UserId contact) {
            asked.add("unsubscribe " + requester + " -> " + contact);
        }

        @Override
        public Optional<UserPresence> presence(UserId contact) {
            return Optional.empty();
        }
    }

    /** Events fired, recorded. */
    static final class Fired<T> implements Event<T> {
        final List<T> events = new ArrayList<>();

        @Override
        public void fire(T event) {
            events.add(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
