package org.universalim.federation.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.universalim.address.UserId;
import org.universalim.federation.control.FederationClient;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.ItemInfo;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PayloadInfo;
import org.universalim.federation.wire.PepEventBatch;
import org.universalim.federation.wire.ProfileQuery;
import org.universalim.federation.wire.ProfileResponse;
import org.universalim.platform.IspSettings;
import org.universalim.profile.boundary.ItemView;
import org.universalim.profile.boundary.PersonalEvent;
import org.universalim.profile.boundary.ProfilePeers;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.boundary.ProfileRefusal.Reason;
import org.universalim.profile.boundary.Requester;
import org.universalim.profile.control.ProfileSettings;
import org.universalim.profile.entity.AccessModel;
import org.universalim.roster.boundary.ContactAddresses;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Profiles across ISPs (profile's {@link ProfilePeers}): cards and personal event nodes of other ISPs' users are
 * asked of their ISP at once ({@code profile}); events on our users' nodes go to the durable outbox of each ISP
 * with users to tell ({@code pep-events}), also to an XMPP server's (written as XEP-0163 notifications over s2s by
 * {@link XmppRelay}). Only peers that list the operation among their capabilities are asked
 * ({@link PeerCapabilities}); for the others a user's profile is unavailable and events are not sent.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
public class ProfileGateway implements ProfilePeers {

    /** Payloads larger than this travel in events without their payload (an outbox item holds 30,000 characters). */
    static final int EVENT_PAYLOAD_MAX = 20_000;
    /** Recipients per event, so that an event with its payload fits an outbox item. */
    static final int RECIPIENTS_PER_EVENT = 100;
    /** What a profile answer may bring, in bytes of payloads (its body is at most 1 MiB). */
    static final int ANSWER_MAX = 900_000;

    @EJB
    PeerDirectory peers;

    @EJB
    FederationOutbox outbox;

    @EJB
    ContactAddresses addresses;

    @Inject
    FederationClient client;

    @Inject
    PeerCapabilities capabilities;

    @Inject
    ProfileSettings settings;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    @Override
    public String card(Requester requester, UserId owner) {
        ProfileResponse answer = ask(requester, owner, ProfileQuery.CARD, null, null, List.of());
        if (answer.card == null) {
            throw new ProfileRefusal(Reason.NO_NODE, owner + " has no card");
        }
        return text(answer.card.element, settings.cardMaxBytes(), owner);
    }

    @Override
    public List<ItemView> items(Requester requester, UserId owner, String node, int max, List<String> ids) {
        ProfileResponse answer = ask(requester, owner, ProfileQuery.ITEMS, node, max, ids);
        List<ItemView> items = new ArrayList<>();
        for (ItemInfo i : answer.items) {
            items.add(new ItemView(i.id, text(i.payload, settings.itemMaxBytes(), owner)));
        }
        return items;
    }

    @Override
    public List<NodeView> nodes(Requester requester, UserId owner) {
        return views(ask(requester, owner, ProfileQuery.NODES, null, null, List.of()));
    }

    @Override
    public NodeView node(Requester requester, UserId owner, String node) {
        List<NodeView> found = views(ask(requester, owner, ProfileQuery.NODE, node, null, List.of()));
        if (found.isEmpty()) {
            throw new ProfileRefusal(Reason.NO_NODE, "no node " + node);
        }
        return found.get(0);
    }

    private static List<NodeView> views(ProfileResponse answer) {
        List<NodeView> nodes = new ArrayList<>();
        for (ProfileResponse.NodeInfo n : answer.nodes) {
            AccessModel.of(n.access).ifPresent(access -> nodes.add(new NodeView(n.name, access)));
        }
        return nodes;
    }

    private ProfileResponse ask(Requester requester, UserId owner, String kind, String node, Integer max, List<String> ids) {
        Peer peer = peers.forAddress(owner).filter(p -> !p.isXmppServer() && p.universalDomain().equals(owner.domain()))
                .orElseThrow(() -> new ProfileRefusal(Reason.UNAVAILABLE, "the ISP of " + owner + " is not a peer of this ISP, "
                        + "or " + owner + " is not a universal user"));
        UserId asking = universal(requester);
        if (!capabilities.offers(peer, Operation.PROFILE)) {
            throw new ProfileRefusal(Reason.UNAVAILABLE, peer.domain() + " does not offer its users' profiles to other ISPs");
        }
        ProfileQuery query = new ProfileQuery();
        query.transactionId = FederationOutbox.newTransactionId();
        query.requester = asking.toString();
        query.owner = owner.toString();
        query.kind = kind;
        query.node = node;
        query.max = max == null ? null : Math.max(1, Math.min(max, 1000));
        query.itemIds.addAll(ids.stream().limit(100).toList());
        ProfileResponse answer;
        try {
            answer = client.call(peer, Operation.PROFILE, query, ProfileResponse.class);
        } catch (PeerFailure f) {
            if (f.permanent()) {
                capabilities.forget(peer);
                throw new ProfileRefusal(Reason.UNAVAILABLE, peer.domain() + " refused: " + f.getMessage());
            }
            throw new ProfileRefusal(Reason.UNREACHABLE, peer.domain() + " did not answer");
        }
        return switch (answer.status) {
            case ProfileResponse.OK -> answer;
            case ProfileResponse.NOT_AUTHORIZED -> throw new ProfileRefusal(Reason.NOT_AUTHORIZED, owner + " does not let you see that");
            case ProfileResponse.CLOSED -> throw new ProfileRefusal(Reason.CLOSED, "the node " + node + " is for its owner only");
            case ProfileResponse.UNKNOWN -> throw new ProfileRefusal(Reason.NO_USER, "there is no user " + owner);
            default -> throw new ProfileRefusal(Reason.NO_NODE, "no node " + node);
        };
    }

    /** A user of ours who asks another ISP: only universal users reach other ISPs (R2). */
    private UserId universal(Requester requester) {
        if (!requester.isLocal()) {
            throw new IllegalArgumentException("a user of another ISP does not ask through us");
        }
        UserId shown = addresses.shownUser(requester.localUser());
        if (!shown.isUniversal(isp.marker())) {
            throw new ProfileRefusal(Reason.UNAVAILABLE, "only universal users reach users of other ISPs: upgrade first");
        }
        return shown;
    }

    private static String text(Element element, int maxBytes, UserId owner) {
        try {
            return ForeignXml.text(element, maxBytes, org.universalim.profile.control.ProfileSettings.MAX_DEPTH);
        } catch (ForeignXml.Refused e) {
            throw new ProfileRefusal(Reason.UNREACHABLE, "the ISP of " + owner + " answered what we do not take: " + e.getMessage());
        }
    }

    @Override
    public void notify(UserId publisher, PersonalEvent event, Collection<UserId> recipients) {
        Map<String, List<UserId>> byPeer = new LinkedHashMap<>();
        Map<String, Peer> peerOf = new LinkedHashMap<>();
        for (UserId r : recipients) {
            // a Universal IM peer's universal users, or users of an XMPP server (over s2s: XmppRelay writes the events)
            peers.forAddress(r).filter(p -> p.isXmppServer() || p.universalDomain().equals(r.domain())).ifPresent(p -> {
                peerOf.put(p.domain(), p);
                byPeer.computeIfAbsent(p.domain(), d -> new ArrayList<>()).add(r);
            });
        }
        Element payload = payload(event);
        for (Map.Entry<String, List<UserId>> e : byPeer.entrySet()) {
            Peer peer = peerOf.get(e.getKey());
            if (!peer.isXmppServer() && !capabilities.offers(peer, Operation.PEP_EVENTS)) {
                log.fine(() -> "federation: " + peer.domain() + " takes no personal events; " + event.node() + " of " + publisher
                        + " not sent there");
                continue;
            }
            List<UserId> all = e.getValue();
            for (int from = 0; from < all.size(); from += RECIPIENTS_PER_EVENT) {
                PepEventBatch batch = new PepEventBatch();
                PepEventBatch.Event ev = new PepEventBatch.Event();
                ev.publisher = publisher.toString();
                ev.node = event.node();
                ev.kind = event.kind().name().toLowerCase(Locale.ROOT);
                ev.itemId = event.itemId();
                ev.payload = payload == null ? null : new PayloadInfo(payload);
                all.subList(from, Math.min(all.size(), from + RECIPIENTS_PER_EVENT))
                        .forEach(r -> ev.recipients.add(new PepEventBatch.Recipient(r.toString())));
                batch.events.add(ev);
                outbox.enqueue(peer.domain(), Operation.PEP_EVENTS, batch, publisher.toString(), null);
            }
        }
    }

    /** The event's payload to carry, if it has one small enough (else the item's id travels alone). */
    private static Element payload(PersonalEvent event) {
        if (event.payload() == null || event.payload().length() > EVENT_PAYLOAD_MAX) {
            return null;
        }
        try {
            return ForeignXml.element(event.payload(), EVENT_PAYLOAD_MAX * 4, org.universalim.profile.control.ProfileSettings.MAX_DEPTH);
        } catch (ForeignXml.Refused e) {
            return null;
        }
    }
}
