package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.control.XmppPresence;
import org.universalim.federation.control.XmppStanzas;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.IqForward;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.MessageBatchResponse;
import org.universalim.federation.wire.PayloadInfo;
import org.universalim.federation.wire.PepEventBatch;
import org.universalim.profile.control.ProfileSettings;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.SubscriptionAnswerMessage;
import org.universalim.federation.wire.SubscriptionRequestMessage;
import org.universalim.federation.wire.TrackRequest;
import org.universalim.federation.wire.TrackResponse;
import org.universalim.federation.wire.UnsubscribeRequest;
import org.universalim.federation.wire.UntrackRequest;
import org.universalim.profile.boundary.Cards;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.boundary.Requester;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an XMPP server sends over s2s (RFC 6121), taken in as a Universal IM peer's requests are
 * ({@link InboundMessages}, {@link InboundSubscriptions}, {@link InboundPresence}) with the server as a peer of the
 * moment ({@link Peer#xmppServer}): a chat message for a universal user, presence subscriptions and their answers, a
 * contact's presence and a probe, an IQ between full JIDs. The s2s side has checked that the sender is of the authenticated domain.
 */
@ApplicationScoped
public class XmppArrivals {

    /** The application type of an XMPP chat message (R14). */
    static final String TEXT = XmppPresence.TEXT;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(XmppArrivals.class.getName());

    @EJB
    InboundMessages messages;

    @EJB
    InboundSubscriptions subscriptions;

    @EJB
    InboundPresence presence;

    @EJB
    RemoteWatches watches;

    @EJB
    FederationOutbox outbox;

    @EJB
    InboundIqs iqs;

    @EJB
    Cards cards;

    @EJB
    InboundProfiles profiles;

    @EJB
    org.universalim.profile.boundary.PersonalItems items;

    @Inject
    org.universalim.privacy.boundary.PrivacyGate privacy;

    @EJB
    ForeignUsers foreign;

    @EJB
    org.universalim.roster.boundary.PresenceAuthorization authorization;

    @Inject
    InboundAddresses addresses;

    @Inject
    Clock clock;

    @Inject
    ProfileSettings settings;

    /**
     * A chat message from {@code from} (bare JID) of {@code domain} for {@code to} (bare JID).
     *
     * @return {@code null} when it was taken, else the reason it was refused (no such universal user)
     */
    public String message(String domain, String from, String to, String body) {
        return message(domain, from, null, to, body, null, null);
    }

    /**
     * A message with its extension elements ({@code extensions}, XML, or null), the sender's resource and the sender's
     * own id of it (either may be null), checked again as a peer's are.
     *
     * @return {@code null} when it was taken, else the code of the refusal ({@code invalid} for extensions beyond the
     *         bounds)
     */
    public String message(String domain, String from, String fromResource, String to, String body, String extensions,
                          String stanzaId) {
        MessageBatch batch = new MessageBatch();
        batch.transactionId = UUID.randomUUID().toString();
        MessageBatch.Message m = new MessageBatch.Message();
        m.id = UUID.randomUUID().toString();
        m.from = from;
        m.to = to;
        m.body = body == null || body.isEmpty() ? null : body;
        m.fromResource = fromResource;
        m.stanzaId = stanzaId;
        if (extensions != null) {
            try {
                m.extensions = org.universalim.federation.control.MessageExtensionsXml.toWire(extensions);
            } catch (org.universalim.federation.control.ForeignXml.Refused refused) {
                return "invalid";
            }
        }
        m.application = TEXT;
        m.sentAt = clock.instant();
        batch.messages.add(m);
        MessageBatchResponse answer = messages.messages(peer(domain), batch);
        MessageBatchResponse.Result r = answer.results.get(0);
        return "accepted".equals(r.status) || "duplicate".equals(r.status) ? null : r.code;
    }

    /**
     * A presence stanza from {@code from} (a bare JID; {@code resource} its resource or {@code null}) for one of our
     * users ({@code to}, bare): its {@code type} (null for available), {@code <show/>} and {@code <status/>}.
     */
    public void presence(String domain, String from, String resource, String to, String type, String show, String status) {
        Peer peer = peer(domain);
        switch (type == null ? "available" : type) {
            case "available", "unavailable" -> presence.presence(peer, update(from, resource, type == null, show, status));
            case "subscribe" -> {
                ours(to).ifPresent(user -> watch(user.userName(), from, domain));
                SubscriptionRequestMessage r = new SubscriptionRequestMessage();
                r.transactionId = UUID.randomUUID().toString();
                r.requester = from;
                r.contact = to;
                r.message = status;
                subscriptions.subscriptionRequest(peer, r);
            }
            case "subscribed", "unsubscribed" -> {
                SubscriptionAnswerMessage r = new SubscriptionAnswerMessage();
                r.transactionId = UUID.randomUUID().toString();
                r.contact = from;
                r.requester = to;
                r.approved = "subscribed".equals(type);
                subscriptions.subscriptionAnswer(peer, r);
            }
            case "unsubscribe" -> {
                UnsubscribeRequest r = new UnsubscribeRequest();
                r.transactionId = UUID.randomUUID().toString();
                r.requester = from;
                r.contact = to;
                subscriptions.unsubscribe(peer, r);
                UntrackRequest u = new UntrackRequest();
                u.transactionId = r.transactionId;
                u.watcher = from;
                u.user = to;
                presence.untrack(peer, u);
            }
            case "probe" -> {
                TrackRequest r = new TrackRequest();
                r.transactionId = UUID.randomUUID().toString();
                r.watcher = from;
                r.user = to;
                TrackResponse answer = presence.track(peer, r);
                if (answer.authorized && answer.presence != null) {
                    outbox.enqueuePresence(domain, answer.presence);
                }
            }
            default -> {
                // errors about our presence: nothing to do
            }
        }
    }

    /**
     * An IQ from a remote user's resource ({@code from}, full) to one of our users' resources ({@code to}, full), or
     * its answer, taken in as a peer's {@code iq} operation ({@link InboundIqs}): passed to that resource under the same
     * rule, a get or set that cannot be is answered {@code service-unavailable} back through the outbox.
     *
     * @param children the IQ's child elements as XML (the caller bounds them)
     * @return false when the IQ is refused as it is (more than two children, one that does not read back)
     */
    public boolean iq(String domain, String from, String to, String type, String id, List<String> children) {
        int cut = from.indexOf('/');
        int toCut = to.indexOf('/');
        if (children.size() > 2 || cut < 0 || toCut < 0 || id == null) {
            return false;
        }
        IqForward iq = new IqForward();
        iq.transactionId = UUID.randomUUID().toString();
        iq.from = from.substring(0, cut);
        iq.fromResource = from.substring(cut + 1);
        iq.to = to.substring(0, toCut);
        iq.toResource = to.substring(toCut + 1);
        iq.type = type;
        iq.id = id;
        try {
            for (String child : children) {
                iq.payloads.add(new PayloadInfo(ForeignXml.moved(
                        ForeignXml.element(child, InboundIqs.PAYLOAD_MAX_BYTES, InboundIqs.PAYLOAD_MAX_DEPTH),
                        XmppStanzas.SERVER, "jabber:client")));
            }
        } catch (ForeignXml.Refused e) {
            return false;
        }
        iqs.iq(peer(domain), iq);
        return true;
    }

    /**
     * An event on a personal event node (XEP-0163) of a remote user ({@code from}, bare) for one of our users
     * ({@code to}, bare), taken in as a peer's {@code pep-events} ({@link InboundProfiles#pepEvents}): passed to the
     * user's devices that asked for the node, if the user sees the publisher's presence and does not block them.
     *
     * @param kind    {@code item}, {@code retract}, {@code purge} or {@code delete}
     * @param payload the item's payload as XML, or null
     * @return whether the user was told
     */
    public boolean pepEvent(String domain, String from, String to, String node, String kind, String itemId, String payload) {
        PepEventBatch batch = new PepEventBatch();
        batch.transactionId = UUID.randomUUID().toString();
        PepEventBatch.Event e = new PepEventBatch.Event();
        e.publisher = from;
        e.node = node;
        e.kind = kind;
        e.itemId = itemId;
        try {
            if (payload != null) {
                e.payload = new PayloadInfo(ForeignXml.element(payload, settings.itemMaxBytes(), ProfileSettings.MAX_DEPTH));
            }
            e.recipients.add(new PepEventBatch.Recipient(to));
            batch.events.add(e);
            return profiles.pepEvents(peer(domain), batch).accepted > 0;
        } catch (ForeignXml.Refused | FederationRefusal | IllegalArgumentException refused) {
            // not an event we take: dropped, as a peer's would be refused
            LOG.log(java.util.logging.Level.FINE, "s2s: an event of {0} on {1} dropped: {2}", new Object[]{from, node, refused.getMessage()});
            return false;
        }
    }

    /**
     * Items of a personal event node (XEP-0163, XEP-0060 section 6.5) of one of our universal users ({@code to}, bare)
     * as a remote user ({@code from}, bare) may read them under the node's access model, as for users of other ISPs:
     * those named, or the newest {@code max} (at most {@code pep.items.per.node}).
     *
     * @throws ProfileRefusal NO_USER (also for a user who blocks the asker), NO_NODE, NOT_AUTHORIZED or CLOSED
     */
    public List<org.universalim.profile.boundary.ItemView> items(String from, String to, String node, Integer max, List<String> ids) {
        UserId asking = UserId.parse(from);
        Subscriber owner = ours(to).filter(s -> !privacy.blocks(s.userName(), asking))
                .orElseThrow(() -> new ProfileRefusal(ProfileRefusal.Reason.NO_USER, "no universal user " + to));
        int newest = max == null ? settings.itemsPerNode() : Math.max(1, Math.min(max, settings.itemsPerNode()));
        return items.items(Requester.foreign(asking), owner.userName(), node, newest, ids);
    }

    /**
     * The card (XEP-0054 vcard-temp) of one of our universal users ({@code to}, bare) as a remote user ({@code from},
     * bare) may see it: only someone the user lets see their presence, as for users of other ISPs.
     *
     * @throws ProfileRefusal NO_USER or NOT_AUTHORIZED
     */
    public String card(String from, String to) {
        Subscriber owner = ours(to).orElseThrow(() -> new ProfileRefusal(ProfileRefusal.Reason.NO_USER, "no universal user " + to));
        return cards.of(Requester.foreign(UserId.parse(from)), owner.userName());
    }

    /**
     * Whether one of our universal users ({@code to}, bare) lets a remote user ({@code from}, bare) see their presence:
     * then our server answers for the account (disco#info, ping) to them; false for a user we do not have.
     */
    public boolean letsSee(UserId from, String to) {
        return ours(to).map(user -> authorization.letsSee(user.userName(), from)).orElse(false);
    }

    /** Whether one of our universal users ({@code user}, bare) sees a remote user's ({@code contact}, bare) presence. */
    public boolean watches(String user, String contact) {
        try {
            return ours(user).map(u -> authorization.mayWatch(u.userName(), UserId.parse(contact))).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Optional<Subscriber> ours(String to) {
        return addresses.ours(to);
    }

    private void watch(String userName, String watcher, String domain) {
        try {
            watches.watch(userName, watcher, domain);
        } catch (RemoteWatches.AlreadyWatching e) {
            // recorded by a concurrent stanza
        }
    }

    /** The presence of one resource, merged with what is known of the user's others ({@link XmppPresence}). */
    private PresenceUpdate update(String from, String resource, boolean available, String show, String status) {
        UserId user = UserId.parse(from);
        PresenceInfo known = foreign.presence(user).map(WireMapping::toWire).orElse(null);
        PresenceUpdate update = new PresenceUpdate();
        update.transactionId = UUID.randomUUID().toString();
        update.presences.add(XmppPresence.merge(known, user.toString(), resource, available, XmppStanzas.state(show), status));
        return update;
    }

    private static Peer peer(String domain) {
        return Peer.xmppServer(domain, java.time.Instant.now());
    }
}
