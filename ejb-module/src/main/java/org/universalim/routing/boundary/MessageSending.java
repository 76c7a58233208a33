package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.registration.boundary.KnownSubscribers;
import org.universalim.address.UserId;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.routing.control.MessageIds;
import org.universalim.routing.control.Fig6;
import org.universalim.routing.control.MessageExtensions;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.control.Resends;
import org.universalim.routing.control.RoutingCounters;
import org.universalim.routing.control.RoutingSettings;
import org.universalim.routing.control.SendRequestCheck;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Sending a message from a local user (R8, R9): checked ({@link SendRequestCheck}), routed by FIG. 6
 * ({@link Router}), then written (group commit, no transaction of its own) and handed to the recipient's devices once
 * durable ({@link DeviceFallback}), or written with its place in a peer's outbox for another ISP. A message the client
 * gave its own id is written under an id derived from it ({@link MessageIds}): a resend meets the first send in the
 * database and is answered as it was, without a second message ({@link Resends}).
 */
@ApplicationScoped
public class MessageSending {

    @Inject
    Router router;

    @Inject
    AddressDisplay display;

    @Inject
    MessageJournal journal;

    @EJB
    MessageStore store;

    @Inject
    DeviceFallback fallback;

    @Inject
    ArrivalOrder arrivals;

    @Inject
    Instance<FederationPort> federation;

    @Inject
    IspSettings isp;

    @Inject
    RoutingSettings settings;

    @Inject
    RoutingCounters counters;

    @Inject
    Clock clock;

    // the container's executor (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    @Inject
    MessageAdmission admission;

    /**
     * Sends a message from a local user. Completes when the message is durable and handed on (or
     * refused); refused input throws at once.
     */
    public CompletionStage<SendResult> send(String senderUser, SendRequest request) {
        return send(senderUser, null, request, 0);
    }

    /** Sends a message from a local user's device (shown to the recipient as the sender's resource). */
    public CompletionStage<SendResult> send(String senderUser, String senderDevice, SendRequest request) {
        return send(senderUser, senderDevice, request, 0);
    }

    private CompletionStage<SendResult> send(String senderUser, String senderDevice, SendRequest request, int attempt) {
        SendRequestCheck.Checked checked = SendRequestCheck.checked(request.to(), request.body(), request.application(),
                request.securityLevel(), request.clientId(), request.extended());
        String application = checked.application();
        UserId to = checked.to();
        // the sender, FIG. 6 and the rules' plan in one read-only transaction
        Router.Prepared prepared = router.prepare(senderUser, to, new MessageRequirements(application, request.securityLevel()))
                .orElseThrow(() -> new InvalidRequestException("from", "unknown sender"));
        KnownSubscribers.Facts sender = prepared.sender();
        String clientId = request.clientId();
        String id = clientId == null || attempt >= MessageIds.ATTEMPTS ? MessageIds.random()
                : MessageIds.of(isp.ispDomain(), sender.userName(), clientId, attempt);
        Instant now = clock.instant();
        UserId senderKey = isp.localAddress(sender.userName());
        UserId senderShown = display.shown(sender.userName(), sender.universal());

        Router.Routing routing = prepared.routing();
        // block lists and the recipient's stranger policy, from memory (privacy)
        SendResult refused = admission.refusal(sender.userName(), to,
                routing.route() == Fig6.Route.UNKNOWN ? null : routing.userName(), id);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        CompletionStage<SendResult> sent;
        switch (routing.route()) {
            case UNKNOWN -> {
                return CompletableFuture.completedFuture(SendResult.failed(id, "unknown_recipient",
                        "there is no user " + to + (isp.isLocal(to) ? " at this ISP" : "")));
            }
            case FOREIGN -> {
                counters.routed();
                sent = forward(sender, senderKey, senderShown, senderDevice, to, id, application, request, now);
            }
            default -> {
                counters.routed();
                String recipientUser = routing.userName();
                boolean universalPair = sender.universal() && routing.userUniversal();
                UserId recipientKey = isp.localAddress(recipientUser);
                ImMessage message = new ImMessage(id, arrivals.next(), senderKey, sender.userName(), recipientKey,
                        recipientUser, application, request.securityLevel(), request.body(),
                        universalPair ? MessageService.XML : MessageService.JSON, now)
                        .acceptedBy(isp.nodeName())
                        .sentWithClientId(clientId)
                        .withEnvelope(request.extensions(), request.stanzaId(), senderDevice, request.keeping())
                        .shownAs(senderShown.toString(), display.shown(recipientUser, routing.userUniversal()).toString());
                // The message is written (group commit) while its device is chosen; it is written to the device, and
                // the sender hears "sent" or "stored", only once it is durable. Another node is asked to deliver it
                // only then, as that node reads it from the database.
                CompletableFuture<Void> durable = journal.insert(message);
                sent = durable.thenCombine(fallback.dispatch(message, new HashSet<>(), prepared.plan(), durable, false),
                        (written, result) -> result);
            }
        }
        if (clientId == null) {
            return sent;
        }
        // the journal found the id taken: settled off its writing thread
        return sent.handle((result, failure) -> failure == null ? CompletableFuture.completedFuture(result)
                : MessageJournal.isDuplicate(failure)
                ? CompletableFuture.supplyAsync(() -> resent(senderUser, senderDevice, sender.userName(), request, attempt), executor)
                        .thenCompose(Function.identity())
                : CompletableFuture.<SendResult>failedFuture(failure)).thenCompose(Function.identity());
    }

    /**
     * The message's id was taken already: the answer to its first send, if this is a resend (read once, off the
     * common path), or a send under the client id's next free id.
     */
    private CompletionStage<SendResult> resent(String senderUser, String senderDevice, String userName, SendRequest request,
                                               int attempt) {
        List<String> ids = new ArrayList<>();
        for (int a = attempt; a < MessageIds.ATTEMPTS; a++) {
            ids.add(MessageIds.of(isp.ispDomain(), userName, request.clientId(), a));
        }
        Map<String, ImMessage> found = new HashMap<>();
        store.findAll(ids).forEach(m -> found.put(m.id(), m));
        Resends.Outcome outcome = Resends.of(userName, request.clientId(), attempt, ids, found, clock.instant(),
                settings.clientIdWindow());
        if (outcome.firstSend() == null) {
            return send(senderUser, senderDevice, request, outcome.attempt());
        }
        ImMessage first = outcome.firstSend();
        SendResult.Status status = switch (Resends.status(first)) {
            case STORED -> SendResult.STORED;
            case FORWARDED -> SendResult.FORWARDED;
            case FAILED -> SendResult.FAILED;
            default -> SendResult.SENT;
        };
        return CompletableFuture.completedFuture(status == SendResult.FAILED
                ? SendResult.failed(first.id(), "delivery_failed", "this message could not be delivered")
                : new SendResult(first.id(), status, first.deliveredDevice(), null, null));
    }

    /** A message for a user of another ISP: written with its place in the peer's outbox, in one transaction. */
    private CompletionStage<SendResult> forward(KnownSubscribers.Facts sender, UserId senderKey, UserId senderShown,
                                                String senderDevice, UserId to, String id, String application,
                                                SendRequest request, Instant now) {
        // extension elements, the client's stanza id and the sending device go only to a peer that takes them (asked
        // here, before the journal's transaction, as the question may wait for the peer's answer)
        boolean extended = federation.get().takesExtensions(to);
        if (!extended && (request.body().isEmpty() || MessageExtensions.isError(request.extensions()))) {
            // a chat state for an older peer is dropped, as it would be for a recipient without a device now, and so is
            // a client's error message (without its <error/> it would read as a chat)
            return CompletableFuture.completedFuture(request.keeping() == ImMessage.Keeping.TRANSIENT
                    ? new SendResult(id, SendResult.DROPPED, null, null, null)
                    : SendResult.failed(id, "not_supported", "the ISP of " + to + " takes only messages with a body"));
        }
        ImMessage message = new ImMessage(id, arrivals.next(), senderKey, sender.userName(), to, null, application,
                request.securityLevel(), request.body(), MessageService.XML, now).sentWithClientId(request.clientId())
                .withEnvelope(request.extensions(), request.stanzaId(), senderDevice, request.keeping());
        message.forwarded(now);
        FederationPort.OutgoingMessage outgoing = new FederationPort.OutgoingMessage(id, sender.userName(), senderShown, to,
                application, request.securityLevel(), request.body(), now, extended ? request.extensions() : null,
                extended ? request.stanzaId() : null, extended ? senderDevice : null, request.toResource());
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
