package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivery receipts: what became of a message (delivered on a device, stored, failed) is written to its status and
 * told to its sender, a local user on whichever node, or a user of another ISP through the federation port; and what
 * another ISP tells of a message a local user sent there. A receipt for another ISP is queued in the very transaction
 * that writes the status (it survives a crash as the status does, and is resent until that ISP has it); a status an
 * acknowledgement changes is durable before the acknowledgement is answered.
 */
@ApplicationScoped
public class Receipts {

    @Inject
    MessageJournal journal;

    @EJB
    MessageStore store;

    @Inject
    ClientNotifier notifier;

    @Inject
    ShownAddresses shown;

    @Inject
    MessageCopies copies;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Delivered messages whose new status is not written yet: the store still says STORED for them. */
    private final Set<String> settling = ConcurrentHashMap.newKeySet();

    /** A device took the message: written as delivered, then its sender is told and the recipient's other devices get a copy; completes once it is durable. */
    public CompletableFuture<Void> delivered(ImMessage message, String device) {
        settling.add(message.id());
        CompletableFuture<Void> written = written(message, ImMessage.Status.DELIVERED, ReceiptStatus.DELIVERED, device, null, true);
        written.whenComplete((done, failure) -> settling.remove(message.id()));
        // the recipient's other devices get a copy (message carbons) once the delivery is durable
        written.thenRun(() -> copies.received(message, device));
        return written;
    }

    /** Whether the message was delivered and its status is being written (it must not be offered again). */
    public boolean settling(String messageId) {
        return settling.contains(messageId);
    }

    /**
     * Writes a message's new status; a sender of another ISP is told in the same transaction, a local sender (when
     * {@code tellSender}) once it is durable.
     */
    CompletableFuture<Void> written(ImMessage message, ImMessage.Status status, ReceiptStatus statusText, String device, String reason,
                                    boolean tellSender) {
        boolean foreign = message.senderUser() == null;
        // a message kept nowhere (a chat state) has no receipts: its sender is told nothing of it
        tellSender &= !message.isTransient();
        FederationPort.Receipt receipt = foreign && !message.isTransient()
                ? new FederationPort.Receipt(message.id(), message.sender(), shown.recipient(message), statusText, device, reason)
                : null;
        CompletableFuture<Void> written = journal.mark(message, status, device, clock.instant(), receipt);
        if (!foreign && tellSender) {
            written.thenRun(() -> tell(message, statusText, device, reason));
        }
        return written;
    }

    /**
     * A device of {@code user} acknowledged messages that were not in flight to it (a late acknowledgement, or one
     * given again with a log-on): those still waiting for a device become delivered to it; completes once durable.
     */
    public CompletionStage<Void> acknowledgedLate(String user, String device, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return journal.acknowledged(user, device, messageIds, clock.instant(), shown::recipient).thenAccept(found -> {
            for (ImMessage m : found) {
                if (m.senderUser() != null) {
                    tell(m, ReceiptStatus.DELIVERED, device, null);
                }
            }
        });
    }

    /** Tells a local sender what became of a message (a receipt push to their connected devices). */
    public void tell(ImMessage message, ReceiptStatus status, String device, String reason) {
        if (message.senderUser() == null || message.isTransient()) {
            return; // a sender of another ISP is told with the status (written); a chat state has no receipts
        }
        try {
            notifier.push(message.senderUser(), new Delivery.Receipt(message.id(), shown.recipient(message), status, device, reason));
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "receipt for " + message.id() + " not pushed", e);
        }
    }

    /**
     * The recipient's ISP tells what became of a message a local user sent there ({@code message} is managed by the
     * caller's transaction): delivered and failed are written with that transaction (before the peer hears that we
     * have it), and the sender is told once it commits; another status is only passed on.
     */
    public void foreignReceipt(ImMessage message, String recipient, ReceiptStatus status, String device, String reason) {
        if (status.equals(ReceiptStatus.DELIVERED)) {
            message.delivered(device, clock.instant());
        } else if (status.equals(ReceiptStatus.FAILED)) {
            message.failed();
        } // stored, and what a later version may send: told, not recorded
        String sender = message.senderUser();
        Delivery.Receipt receipt = new Delivery.Receipt(message.id(), recipient, status, device, reason, message.senderDevice(),
                message.stanzaId());
        afterCommit(() -> notifier.push(sender, receipt));
    }

    /** A message for another ISP could not be delivered (refused, or past its deadline): its sender is told. */
    public void foreignFailed(String messageId, String senderUser, String recipient, String reason) {
        CompletableFuture<Void> marked = journal.mark(messageId, ImMessage.Status.FAILED, null, clock.instant());
        if (senderUser == null) {
            return;
        }
        // the device it was sent from and the client's own id, for the error (read on this rare path only)
        ImMessage sent = sentMessage(messageId);
        Delivery.Receipt receipt = new Delivery.Receipt(messageId, recipient, ReceiptStatus.FAILED, null, reason,
                sent == null ? null : sent.senderDevice(), sent == null ? null : sent.stanzaId());
        marked.whenComplete((done, failure) -> notifier.push(senderUser, receipt));
    }

    /**
     * As {@link #foreignFailed(String, String, String, String)} for a message whose sender is read from the message
     * kept here (it went to the other ISP with other users' messages).
     */
    public void foreignFailedOfItsSender(String messageId, String recipient, String reason) {
        ImMessage sent = sentMessage(messageId);
        foreignFailed(messageId, sent == null ? null : sent.senderUser(), recipient, reason);
    }

    private ImMessage sentMessage(String messageId) {
        try {
            return store.find(messageId);
        } catch (RuntimeException e) {
            log.log(Level.FINE, "message " + messageId + " not read", e);
            return null;
        }
    }

    private void afterCommit(Runnable action) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        log.log(Level.WARNING, "a receipt was not pushed", e);
                    }
                }
            }
        });
    }
}
