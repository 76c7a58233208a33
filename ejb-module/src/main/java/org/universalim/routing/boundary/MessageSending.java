package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.routing.control.Fig6;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.RoutingCounters;
import org.universalim.routing.control.SendRequestCheck;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sending a message from a local user (R8, R9): checked ({@link SendRequestCheck}), routed by FIG. 6
 * ({@link Router}), then written (group commit, no transaction of its own) while it is handed to the
 * recipient's devices ({@link DeviceFallback}), or handed with its place in a peer's outbox to another ISP.
 */
@ApplicationScoped
public class MessageSending {

    @Inject
    Router router;

    @Inject
    MessageJournal journal;

    @Inject
    DeviceFallback fallback;

    @Inject
    ArrivalOrder arrivals;

    @Inject
    Instance<FederationPort> federation;

    @Inject
    IspSettings isp;

    @Inject
    RoutingCounters counters;

    @Inject
    Clock clock;

    @Inject
    MessageAdmission admission;

    /**
     * Sends a message from a local user. Completes when the message is durable and handed on (or
     * refused); refused input throws at once.
     */
    public CompletionStage<SendResult> send(String senderUser, SendRequest request) {
        String application = SendRequestCheck.checked(request.to(), request.body(), request.application(), request.securityLevel());
        UserId to = UserId.parse(request.to().strip());
        // the sender, FIG. 6 and the rules' plan in one read-only transaction
        Router.Prepared prepared = router.prepare(senderUser, to, new MessageRequirements(application, request.securityLevel()))
                .orElseThrow(() -> new InvalidRequestException("from", "unknown sender"));
        KnownSubscribers.Facts sender = prepared.sender();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String senderKey = isp.localAddress(sender.userName()).toString();
        String senderShown = isp.shownAddress(sender.userName(), sender.universal()).toString();

        Router.Routing routing = prepared.routing();
        // block lists and the recipient's stranger policy, from memory (privacy)
        SendResult refused = admission.refusal(sender.userName(), to,
                routing.route() == Fig6.Route.UNKNOWN ? null : routing.userName(), id);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        switch (routing.route()) {
            case UNKNOWN -> {
                return CompletableFuture.completedFuture(SendResult.failed(id, "unknown_recipient",
                        "there is no user " + to + (isp.isLocal(to) ? " at this ISP" : "")));
            }
            case FOREIGN -> {
                counters.routed();
                return forward(sender, senderKey, senderShown, to, id, application, request, now);
            }
            default -> {
                counters.routed();
                String recipientUser = routing.userName();
                boolean universalPair = sender.universal() && routing.userUniversal();
                String recipientKey = isp.localAddress(recipientUser).toString();
                ImMessage message = new ImMessage(id, arrivals.next(), senderKey, sender.userName(), recipientKey,
                        recipientUser, application, request.securityLevel(), request.body(),
                        universalPair ? MessageService.XML : MessageService.JSON, now)
                        .acceptedBy(isp.nodeName())
                        .shownAs(senderShown, isp.shownAddress(recipientUser, routing.userUniversal()).toString());
                // The message is written (group commit) while it is handed to a device connected here; the
                // sender hears "sent" or "stored" only once it is durable. Another node is asked to deliver
                // it only then, as that node reads it from the database.
                CompletableFuture<Void> durable = journal.insert(message);
                return durable.thenCombine(fallback.dispatch(message, new HashSet<>(), prepared.plan(), durable),
                        (written, result) -> result);
            }
        }
    }

    /** A message for a user of another ISP: written with its place in the peer's outbox, in one transaction. */
    private CompletionStage<SendResult> forward(KnownSubscribers.Facts sender, String senderKey, String senderShown, UserId to,
                                                String id, String application, SendRequest request, Instant now) {
        ImMessage message = new ImMessage(id, arrivals.next(), senderKey, sender.userName(), to.toString(), null, application,
                request.securityLevel(), request.body(), MessageService.XML, now);
        message.forwarded(now);
        FederationPort.OutgoingMessage outgoing = new FederationPort.OutgoingMessage(id, sender.userName(), senderShown, to,
                application, request.securityLevel(), request.body(), now);
        // the message and its place in the peer's outbox are written in one transaction, with the other
        // messages of the journal's batch (group commit)
        AtomicReference<FederationPort.Outcome> outcome = new AtomicReference<>();
        return journal.forward(message, m -> {
            FederationPort.Outcome o = federation.get().deliver(outgoing);
            outcome.set(o);
            return o.accepted();
        }).thenApply(written -> {
            FederationPort.Outcome o = outcome.get();
            return o == null || o.accepted() ? new SendResult(id, SendResult.FORWARDED, null, null, null)
                    : SendResult.failed(id, o.code(), o.reason());
        });
    }
}
