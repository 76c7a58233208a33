package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.entity.InboxEntry;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.AnnounceRequest;
import org.universalim.federation.wire.AvailabilityQuery;
import org.universalim.federation.wire.ConnectionRequestMessage;
import org.universalim.federation.wire.DepartRequest;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.IqForward;
import org.universalim.federation.wire.PepEventBatch;
import org.universalim.federation.wire.ProfileQuery;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.ReceiptBatch;
import org.universalim.federation.wire.Request;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.SubscriptionAnswerMessage;
import org.universalim.federation.wire.SubscriptionRequestMessage;
import org.universalim.federation.wire.TrackRequest;
import org.universalim.federation.wire.UnsubscribeRequest;
import org.universalim.federation.wire.UntrackRequest;

import java.time.Clock;
import java.util.Optional;

/**
 * The Universal IM server's answers to its peers (FIG. 6 steps 620-650 seen from the recipient's ISP),
 * one boundary for both transports. A transaction id a peer used before gets the first answer again (except
 * for the operations that answer afresh: status, connect, availability); the rest is done by a class per kind
 * of request: {@link InboundPresence}, {@link InboundSubscriptions}, {@link InboundMessages},
 * {@link InboundQueries}, each checking first that the peer speaks only for its own users ({@link InboundAddresses}).
 */
@Stateless
public class FederationInbound {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    InboundPresence presence;

    @EJB
    InboundSubscriptions subscriptions;

    @EJB
    InboundMessages messages;

    @EJB
    InboundQueries queries;

    @EJB
    InboundDepartures departures;

    @EJB
    InboundProfiles profiles;

    @EJB
    InboundIqs iqs;

    @Inject
    Clock clock;

    /** Handles one request of an authenticated peer and answers with the operation's answer element. */
    public Object handle(Peer peer, Operation op, Request request) {
        boolean remembered = op != Operation.STATUS && op != Operation.CONNECT && op != Operation.AVAILABILITY
                && op != Operation.PROFILE;
        if (remembered) {
            Optional<InboxEntry> seen = em.createNamedQuery(InboxEntry.BY_TRANSACTION, InboxEntry.class)
                    .setParameter("peer", peer.domain()).setParameter("tx", request.transactionId).getResultStream().findFirst();
            if (seen.isPresent()) {
                try {
                    return WireCodec.read(seen.get().response(), op.response());
                } catch (WireCodec.Refused e) {
                    throw new IllegalStateException("a stored answer does not read back", e);
                }
            }
        }
        Object answer = switch (op) {
            case ANNOUNCE -> presence.announce(peer, (AnnounceRequest) request);
            case TRACK -> presence.track(peer, (TrackRequest) request);
            case UNTRACK -> presence.untrack(peer, (UntrackRequest) request);
            case PRESENCE -> presence.presence(peer, (PresenceUpdate) request);
            case SUBSCRIPTION_REQUEST -> subscriptions.subscriptionRequest(peer, (SubscriptionRequestMessage) request);
            case SUBSCRIPTION_ANSWER -> subscriptions.subscriptionAnswer(peer, (SubscriptionAnswerMessage) request);
            case UNSUBSCRIBE -> subscriptions.unsubscribe(peer, (UnsubscribeRequest) request);
            case CONNECT -> queries.connect(peer, (ConnectionRequestMessage) request);
            case MESSAGES -> messages.messages(peer, (MessageBatch) request);
            case RECEIPTS -> messages.receipts(peer, (ReceiptBatch) request);
            case AVAILABILITY -> queries.availability(peer, (AvailabilityQuery) request);
            case STATUS -> queries.status(peer, (StatusRequest) request);
            case DEPART -> departures.depart(peer, (DepartRequest) request);
            case PROFILE -> profiles.profile(peer, (ProfileQuery) request);
            case PEP_EVENTS -> profiles.pepEvents(peer, (PepEventBatch) request);
            case IQ -> iqs.iq(peer, (IqForward) request);
        };
        if (remembered) {
            em.persist(new InboxEntry(peer.domain(), request.transactionId, op.path(), WireCodec.write(answer), clock.instant()));
        }
        return answer;
    }
}
