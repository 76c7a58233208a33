package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.platform.IspSettings;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.entity.ImMessage;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages across the nodes of this ISP (R12, FIG. 6 step 640): a device connected to another node gets
 * the message through that node (which reads it from the database, so only once it is durable); a node
 * that does not take it counts as a failed device. And the other side: what another node asks this one to
 * deliver.
 */
@ApplicationScoped
public class NodeDispatch {

    @Inject
    NodeChannel channel;

    @Inject
    DeviceFallback fallback;

    @EJB
    MessageStore store;

    @EJB
    SessionRoutes routes;

    @Inject
    ClusterView cluster;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    /**
     * Asks {@code node}, where {@code device} is connected, to go on with the message once it is durable; if that
     * node does not take it (it failed, or it did not answer in time), the next device (within the same decision:
     * the recipient's next messages wait for this outcome).
     */
    CompletionStage<SendResult> dispatchThere(String node, String device, ImMessage message, Set<String> failed,
                                              CompletionStage<Void> durable, boolean tellSender) {
        return durable.thenCompose(written -> channel.dispatch(node, message.id(), failed)).handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (MessageJournal.isDuplicate(failure)) {
                return CompletableFuture.<SendResult>failedFuture(failure); // a resend that met its first send
            }
            log.log(Level.FINE, "node " + node + " did not take message " + message.id(), failure);
            failed.add(device);
            return fallback.decideNow(message, failed, null, DURABLE, tellSender);
        }).thenCompose(Function.identity());
    }

    private static final CompletableFuture<Void> DURABLE = CompletableFuture.completedFuture(null);

    /**
     * Another node of this ISP found the recipient's next device connected here: the message (already
     * stored by that node) goes on from here, past the devices that failed. Its sender is told by a receipt if it
     * ends up stored, unless this is its first try (the answer to the send tells then).
     */
    public CompletionStage<SendResult> dispatchHere(String messageId, Set<String> failed) {
        ImMessage message = store.find(messageId);
        if (message == null || message.recipientUser() == null) {
            return CompletableFuture.completedFuture(SendResult.failed(messageId, "unknown_message", "no such message"));
        }
        return switch (message.status()) {
            // not in this node's line for the user: the sending node's line orders the user's messages (it asks for one
            // at a time), and one that goes back there to fail over must not wait for that very line
            case ACCEPTED -> fallback.decideNow(message, new HashSet<>(failed), null, DURABLE, !failed.isEmpty());
            case DELIVERED -> CompletableFuture.completedFuture(
                    new SendResult(messageId, SendResult.SENT, message.deliveredDevice(), null, null));
            case STORED -> CompletableFuture.completedFuture(new SendResult(messageId, SendResult.STORED, null, null, null));
            default -> CompletableFuture.completedFuture(SendResult.failed(messageId, "failed", "the message failed"));
        };
    }

    /** Asks the other nodes where these users are connected to offer them their stored messages. */
    void offerStoredElsewhere(Collection<String> users) {
        if (cluster.hasOtherNodes() && !users.isEmpty()) {
            routes.usersElsewhere(users, isp.nodeName()).forEach(channel::deliverStored);
        }
    }
}
