package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.control.RoutingSettings;
import org.universalim.routing.entity.ImMessage;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Offline storage: a message no device takes is stored for the recipient's next log-on, up to
 * {@code offline.max.per.user} per user (beyond it the sender is told the storage is full), and a device
 * that logs on gets the stored messages the rules let it take, oldest first, on whichever node it is connected
 * ({@link StoredDelivery}).
 */
@ApplicationScoped
public class OfflineStorage {

    @EJB
    MessageStore store;

    @EJB
    PresenceRules rules;

    @Inject
    SessionRegistry sessions;

    @Inject
    StoredDelivery storedDelivery;

    @Inject
    NodeDispatch nodes;

    @Inject
    Receipts receipts;

    @Inject
    ShownAddresses shown;

    @Inject
    ClusterView cluster;

    @Inject
    RoutingSettings settings;

    @Inject
    OfflineQuota quota;

    @Inject
    Logger log;

    // the container's executor (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    /**
     * Stores the message for the recipient's next log-on; the outcome is told once the status is written,
     * so the next message to the same user counts this one against the offline limit. Completes once it is stored
     * and offered where it may be taken now (a device that logged on or became available meanwhile).
     *
     * @param tellSender whether the sender is told by a receipt (not when the answer to its send says "stored"); a
     *                   sender of another ISP is told in the same transaction as the status is written
     */
    CompletionStage<SendResult> store(ImMessage message, DeliveryPlan plan, boolean tellSender) {
        String user = message.recipientUser();
        if (message.isTransient()) {
            // a chat state (XEP-0085 section 5.6, XEP-0160) or a message hinted no-store (XEP-0334) is not kept for later:
            // written as failed, nobody told (a chat state that arrives late means nothing)
            return receipts.written(message, ImMessage.Status.FAILED, ReceiptStatus.FAILED, null, "not stored", false)
                    .thenApply(done -> new SendResult(message.id(), SendResult.DROPPED, null, null, null));
        }
        // a sender's share of the box, and no stranger's message for a user who keeps none (privacy)
        SendResult refused = quota.refusal(message);
        if (refused != null) {
            return receipts.written(message, ImMessage.Status.FAILED, ReceiptStatus.FAILED, null, refused.reason(), tellSender)
                    .thenApply(done -> refused);
        }
        if (store.countStored(user) >= settings.offlineMaxPerUser()) {
            SendResult full = SendResult.failed(message.id(), "offline_storage_full", shown.recipient(message)
                    + " has too many messages waiting; try again later");
            return receipts.written(message, ImMessage.Status.FAILED, ReceiptStatus.FAILED, null, full.reason(), tellSender)
                    .thenApply(done -> full);
        }
        SendResult stored = new SendResult(message.id(), SendResult.STORED, null, plan.reason().name(),
                plan.reason().explain(shown.recipient(message)));
        return receipts.written(message, ImMessage.Status.STORED, ReceiptStatus.STORED, null, stored.reason(), tellSender)
                .thenApplyAsync(done -> {
                    offerWhereTaken(message);
                    return stored;
                }, executor);
    }

    /**
     * The recipient may have logged on, or a device of theirs become available, while the message was being stored:
     * the sessions here that the rules let take it are offered the stored messages, and the other nodes where the user
     * is connected are asked to do the same (in order with what this node hands them next).
     */
    private void offerWhereTaken(ImMessage message) {
        String user = message.recipientUser();
        try {
            DeliveryPlan now = rules.plan(user, new MessageRequirements(message.application(), message.securityLevel()), Set.of());
            for (ClientSession s : sessions.sessionsOf(user)) {
                if (now.candidates().contains(s.device())) {
                    storedDelivery.offerIfReady(s);
                }
            }
            if (cluster.hasOtherNodes()) {
                nodes.offerStoredElsewhere(List.of(user));
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "stored messages of " + user + " not offered where they may be taken", e);
        }
    }

    /** Gives a device that logged on the messages stored for its user, oldest first, that the rules let it take. */
    public CompletionStage<Void> deliverStored(ClientSession session) {
        return storedDelivery.offer(session);
    }

    /** Completes once the session's device holds no session on another node any more ({@link StoredDelivery#settled}). */
    public CompletionStage<Void> settled(ClientSession session) {
        return storedDelivery.settled(session);
    }

    /** Offers the stored messages of these users to their devices, on whichever node they are connected. */
    public void redeliverStored(Collection<String> users) {
        deliverStoredHere(users);
        nodes.offerStoredElsewhere(users);
    }

    /** Offers the stored messages of these users to their devices connected to this node. */
    public void deliverStoredHere(Collection<String> users) {
        storedDelivery.offerHere(users);
    }
}
