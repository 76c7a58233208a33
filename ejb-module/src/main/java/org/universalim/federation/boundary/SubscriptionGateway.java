package org.universalim.federation.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.universalim.address.UserId;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.SubscriptionAnswerMessage;
import org.universalim.federation.wire.SubscriptionRequestMessage;
import org.universalim.federation.wire.UnsubscribeRequest;
import org.universalim.platform.ConflictException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.roster.boundary.ForeignSubscriptions;
import org.universalim.routing.boundary.FederationPort.Outcome;

import java.util.Optional;

/**
 * The roster's half of the federation (R5): presence authorization with users of other ISPs goes to the
 * durable outbox of the user's ISP, and the foreign user is tracked while a local roster holds them.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
public class SubscriptionGateway implements ForeignSubscriptions {

    @EJB
    PeerDirectory peers;

    @EJB
    FederationOutbox outbox;

    @EJB
    ForeignUsers foreign;

    @EJB
    PresenceDirectory directory;

    @Inject
    IspSettings isp;

    @Override
    public void subscribe(String requesterUser, UserId requester, UserId contact, String message) {
        Peer peer = peers.forAddress(contact).orElseThrow(() -> refused(FederationGateway.noPeer(contact)));
        Outcome universal = FederationGateway.checkUniversal(peer, contact, requester, isp.marker());
        if (!universal.accepted()) {
            throw refused(universal);
        }
        foreign.track(peer, requester.toString(), contact);
        SubscriptionRequestMessage request = new SubscriptionRequestMessage();
        request.requester = requester.toString();
        request.contact = contact.toString();
        request.message = message;
        outbox.enqueue(peer.domain(), Operation.SUBSCRIPTION_REQUEST, request, contact.toString(), requesterUser);
    }

    @Override
    public void answer(String ownerUser, UserId owner, UserId requester, boolean approved) {
        Optional<Peer> peer = peers.forAddress(requester);
        if (peer.isEmpty()) {
            return;
        }
        SubscriptionAnswerMessage answer = new SubscriptionAnswerMessage();
        answer.contact = owner.toString();
        answer.requester = requester.toString();
        answer.approved = approved;
        outbox.enqueue(peer.get().domain(), Operation.SUBSCRIPTION_ANSWER, answer, requester.toString(), ownerUser);
        if (approved) {
            // the requester's ISP tracks the owner already (it asked when the requester subscribed)
            outbox.enqueuePresence(peer.get().domain(), WireMapping.toWire(directory.presence(ownerUser)));
        }
    }

    @Override
    public void unsubscribe(String requesterUser, UserId requester, UserId contact) {
        Optional<Peer> peer = peers.forAddress(contact);
        if (peer.isEmpty()) {
            return;
        }
        UnsubscribeRequest request = new UnsubscribeRequest();
        request.requester = requester.toString();
        request.contact = contact.toString();
        outbox.enqueue(peer.get().domain(), Operation.UNSUBSCRIBE, request, contact.toString(), requesterUser);
        foreign.untrack(peer.get(), requester.toString(), contact);
    }

    @Override
    public Optional<UserPresence> presence(UserId contact) {
        return foreign.presence(contact);
    }

    private static ConflictException refused(Outcome outcome) {
        return new ConflictException(outcome.code(), outcome.reason());
    }
}
