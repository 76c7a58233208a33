package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivery receipts: what became of a message (delivered on a device, stored, failed) is written to its
 * status and told to its sender, a local user on whichever node, or a user of another ISP through the
 * federation port; and what another ISP tells of a message a local user sent there.
 */
@ApplicationScoped
public class Receipts {

    @Inject
    MessageJournal journal;

    @Inject
    ClientNotifier notifier;

    @Inject
    Instance<FederationPort> federation;

    @Inject
    ShownAddresses shown;

    @Inject
    MessageCopies copies;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /** Delivered messages whose new status is not written yet: the store still says STORED for them. */
    private final Set<String> settling = ConcurrentHashMap.newKeySet();

    /** A device took the message: written as delivered, then its sender is told and the recipient's other devices get a copy. */
    public void delivered(ImMessage message, String device) {
        settling.add(message.id());
        journal.mark(message.id(), ImMessage.Status.DELIVERED, device, clock.instant())
                .whenComplete((done, failure) -> settling.remove(message.id()))
                .thenRun(() -> {
                    tell(message, "delivered", device, null);
                    copies.received(message, device);
                });
    }

    /** Whether the message was delivered and its status is being written (it must not be offered again). */
    public boolean settling(String messageId) {
        return settling.contains(messageId);
    }

    /** Tells the sender what became of a message handed on after its send was answered: stored, or failed. */
    public void outcome(ImMessage message, SendResult result) {
        if (SendResult.STORED.equals(result.status())) {
            tell(message, SendResult.STORED, null, result.reason());
        } else if (!result.ok()) {
            tell(message, SendResult.FAILED, null, result.reason());
        }
    }

    /** Tells a message's sender, local or of another ISP, what became of it. */
    public void tell(ImMessage message, String status, String device, String reason) {
        if (message.senderUser() == null) {
            // a user of another ISP sent it: tell their ISP
            try {
                federation.get().receipt(message.id(), message.sender(), shown.recipient(message), status, device, reason);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "receipt for " + message.id() + " not queued", e);
            }
            return;
        }
        notifier.push(message.senderUser(), new Delivery.Receipt(message.id(), shown.recipient(message), status, device, reason));
    }

    /** The recipient's ISP tells what became of a message a local user sent there. */
    public void foreignReceipt(String messageId, String senderUser, String recipient, String status, String device,
                               String reason) {
        ImMessage.Status stored = switch (status) {
            case "delivered" -> ImMessage.Status.DELIVERED;
            case "stored" -> ImMessage.Status.STORED;
            case "failed" -> ImMessage.Status.FAILED;
            default -> null;
        };
        Delivery.Receipt receipt = new Delivery.Receipt(messageId, recipient, status, device, reason);
        if (stored != null && stored != ImMessage.Status.STORED) {
            // the sender's history says so by the time the receipt arrives
            journal.mark(messageId, stored, device, clock.instant()).whenComplete((done, failure) -> notifier.push(senderUser, receipt));
        } else {
            notifier.push(senderUser, receipt);
        }
    }

    /** A message for another ISP could not be delivered (refused, or past its deadline): its sender is told. */
    public void foreignFailed(String messageId, String senderUser, String recipient, String reason) {
        CompletableFuture<Void> marked = journal.mark(messageId, ImMessage.Status.FAILED, null, clock.instant());
        if (senderUser == null) {
            return;
        }
        Delivery.Receipt receipt = new Delivery.Receipt(messageId, recipient, SendResult.FAILED, null, reason);
        marked.whenComplete((done, failure) -> notifier.push(senderUser, receipt));
    }
}
