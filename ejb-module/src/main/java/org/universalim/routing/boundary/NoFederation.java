package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.address.UserId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The federation port when no federation is deployed: every other ISP is unreachable. */
@ApplicationScoped
public class NoFederation implements FederationPort {

    static final String CODE = "remote_unreachable";

    private static String reason(UserId contact) {
        return "the ISP of " + contact + " is not reachable from here";
    }

    @Override
    public Outcome deliver(OutgoingMessage message) {
        return Outcome.refused(CODE, reason(message.to()));
    }

    @Override
    public CompletionStage<ConnectionAnswer> connect(String requesterUser, UserId requester, UserId contact) {
        return CompletableFuture.completedFuture(ConnectionAnswer.failed(contact.toString(), CODE, reason(contact)));
    }

    @Override
    public Optional<org.universalim.presence.boundary.AvailabilityView> availability(String requesterUser, UserId requester,
                                                                                     UserId contact) {
        return Optional.empty();
    }

    @Override
    public void receipts(java.util.List<Receipt> receipts) {
        // no federation, no foreign senders
    }
}
