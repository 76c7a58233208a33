package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.SubscriptionAnswerMessage;
import org.universalim.federation.wire.SubscriptionRequestMessage;
import org.universalim.federation.wire.UnsubscribeRequest;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ForeignRequests;

import java.util.Optional;

/**
 * Presence authorization asked by users of other ISPs (R5): a request to see one of our universal users (an
 * unknown user is refused at once, one who granted it already approves at once, with presence), the answer
 * to a request of ours, and the end of a foreign user's watching.
 */
@Stateless
public class InboundSubscriptions {

    @Inject
    InboundAddresses addresses;

    @EJB
    ForeignRequests roster;

    @EJB
    FederationOutbox outbox;

    @EJB
    PresenceDirectory directory;

    public Ack subscriptionRequest(Peer peer, SubscriptionRequestMessage r) {
        UserId requester = addresses.own(peer, r.requester, "requester");
        Optional<Subscriber> contact = addresses.ours(r.contact);
        if (contact.isEmpty()) {
            answerBack(peer, r.contact, requester, false);
            return new Ack(r.transactionId, 0);
        }
        boolean approved = roster.subscriptionRequest(contact.get().userName(), requester, r.message);
        if (approved) {
            answerBack(peer, r.contact, requester, true);
            outbox.enqueuePresence(peer.domain(), WireMapping.toWire(directory.presence(contact.get().userName())));
        }
        return new Ack(r.transactionId, 1);
    }

    public Ack subscriptionAnswer(Peer peer, SubscriptionAnswerMessage r) {
        UserId contact = addresses.own(peer, r.contact, "contact");
        Optional<Subscriber> requester = addresses.ours(r.requester);
        requester.ifPresent(s -> roster.subscriptionAnswer(s.userName(), contact, r.approved));
        return new Ack(r.transactionId, requester.isPresent() ? 1 : 0);
    }

    public Ack unsubscribe(Peer peer, UnsubscribeRequest r) {
        UserId requester = addresses.own(peer, r.requester, "requester");
        Optional<Subscriber> contact = addresses.ours(r.contact);
        contact.ifPresent(s -> roster.unsubscribe(s.userName(), requester));
        return new Ack(r.transactionId, contact.isPresent() ? 1 : 0);
    }

    private void answerBack(Peer peer, String contact, UserId requester, boolean approved) {
        SubscriptionAnswerMessage answer = new SubscriptionAnswerMessage();
        answer.contact = contact;
        answer.requester = requester.toString();
        answer.approved = approved;
        outbox.enqueue(peer.domain(), Operation.SUBSCRIPTION_ANSWER, answer, requester.toString(), null);
    }
}
