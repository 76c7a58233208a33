package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.ItemInfo;
import org.universalim.federation.wire.PayloadInfo;
import org.universalim.federation.wire.PepEventBatch;
import org.universalim.federation.wire.ProfileQuery;
import org.universalim.federation.wire.ProfileResponse;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.profile.boundary.Cards;
import org.universalim.profile.boundary.ItemView;
import org.universalim.profile.boundary.PersonalEvent;
import org.universalim.profile.boundary.PersonalEventDelivery;
import org.universalim.profile.boundary.PersonalItems;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.boundary.Requester;
import org.universalim.profile.control.ProfileSettings;
import org.universalim.profile.entity.PersonalNode;
import org.universalim.registration.entity.Subscriber;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What peers that offer profiles ask and tell (the optional operations {@code profile} and {@code pep-events}):
 * the card and the personal event nodes of our users, as much as each node's access model and presence
 * authorization let the peer's user see (R5); and events on their users' nodes for our users who see those users'
 * presence. Payloads from a peer are checked again (size, depth, elements and text only) before they are used.
 */
@Stateless
public class InboundProfiles {

    @Inject
    InboundAddresses addresses;

    @EJB
    Cards cards;

    @EJB
    PersonalItems items;

    @Inject
    PersonalEventDelivery delivery;

    @Inject
    ProfileSettings settings;

    @Inject
    PrivacyGate privacy;

    public ProfileResponse profile(Peer peer, ProfileQuery q) {
        UserId requester = addresses.own(peer, q.requester, "requester");
        ProfileResponse answer = new ProfileResponse();
        answer.transactionId = q.transactionId;
        Optional<Subscriber> owner = addresses.ours(q.owner);
        if (owner.isEmpty()) {
            answer.status = ProfileResponse.UNKNOWN;
            return answer;
        }
        String user = owner.get().userName();
        if (privacy.blocks(user, requester)) {
            answer.status = ProfileResponse.UNKNOWN; // a user who blocks the requester is nobody to them
            return answer;
        }
        Requester asking = Requester.foreign(requester);
        try {
            switch (q.kind) {
                case ProfileQuery.CARD -> answer.card = new PayloadInfo(element(cards.of(asking, user), settings.cardMaxBytes()));
                case ProfileQuery.ITEMS -> items(answer, items.items(asking, user, node(q), q.max == null ? settings.itemsPerNode() : q.max,
                        q.itemIds));
                case ProfileQuery.NODE -> {
                    PersonalNode n = items.readable(asking, user, node(q));
                    answer.nodes.add(new ProfileResponse.NodeInfo(n.name(), n.accessModel().value()));
                }
                default -> items.readableNodes(asking, user)
                        .forEach(n -> answer.nodes.add(new ProfileResponse.NodeInfo(n.name(), n.accessModel().value())));
            }
            answer.status = ProfileResponse.OK;
        } catch (ProfileRefusal e) {
            answer.card = null;
            answer.items.clear();
            answer.nodes.clear();
            answer.status = switch (e.reason()) {
                case NO_USER -> ProfileResponse.UNKNOWN;
                case NOT_AUTHORIZED -> ProfileResponse.NOT_AUTHORIZED;
                case CLOSED -> ProfileResponse.CLOSED;
                default -> ProfileResponse.NO_NODE;
            };
        }
        return answer;
    }

    private static String node(ProfileQuery q) {
        if (q.node == null) {
            throw FederationRefusal.invalid(q.kind + " names a node");
        }
        return q.node;
    }

    /** The items, as many as fit an answer. */
    private void items(ProfileResponse answer, List<ItemView> found) {
        int bytes = 0;
        for (ItemView i : found) {
            bytes += i.payload().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > ProfileGateway.ANSWER_MAX) {
                break;
            }
            answer.items.add(new ItemInfo(i.id(), element(i.payload(), settings.itemMaxBytes())));
        }
    }

    private static org.w3c.dom.Element element(String xml, int maxBytes) {
        try {
            return ForeignXml.element(xml, maxBytes, ProfileSettings.MAX_DEPTH);
        } catch (ForeignXml.Refused e) {
            throw new IllegalStateException("a stored card or item does not read back: " + e.getMessage());
        }
    }

    public Ack pepEvents(Peer peer, PepEventBatch batch) {
        List<Resolved> events = new ArrayList<>();
        for (PepEventBatch.Event e : batch.events) {
            UserId publisher = addresses.own(peer, e.publisher, "publisher");
            PersonalEvent.Kind kind = PersonalEvent.Kind.valueOf(e.kind.toUpperCase(Locale.ROOT));
            String payload = null;
            if (e.payload != null && e.payload.element != null) {
                try {
                    payload = ForeignXml.text(e.payload.element, settings.itemMaxBytes(), ProfileSettings.MAX_DEPTH);
                } catch (ForeignXml.Refused refused) {
                    throw FederationRefusal.invalid("the payload of an event on " + e.node + ": " + refused.getMessage());
                }
            }
            if ((kind == PersonalEvent.Kind.ITEM || kind == PersonalEvent.Kind.RETRACT) && e.itemId == null) {
                throw FederationRefusal.invalid("an event of kind " + e.kind + " names its item");
            }
            List<String> recipients = new ArrayList<>();
            for (PepEventBatch.Recipient r : e.recipients) {
                addresses.ours(r.address).filter(s -> !privacy.blocks(s.userName(), publisher))
                        .ifPresent(s -> recipients.add(s.userName()));
            }
            events.add(new Resolved(publisher, new PersonalEvent(e.node, kind, e.itemId, payload), recipients));
        }
        int told = 0;
        for (Resolved r : events) {
            told += delivery.arrived(r.publisher, r.event, r.recipients);
        }
        return new Ack(batch.transactionId, told);
    }

    private record Resolved(UserId publisher, PersonalEvent event, List<String> recipients) {
    }
}
