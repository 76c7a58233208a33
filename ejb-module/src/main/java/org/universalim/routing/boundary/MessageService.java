package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The routing core's message path as the protocols see it, shared by every protocol. Each job has its
 * class: {@link MessageSending} (input checks, FIG. 6, the hand-over to another ISP), {@link DeviceFallback}
 * (the presence logic rules' device order with failover when a device does not acknowledge in time, R4),
 * {@link OfflineStorage} (with its limit, delivered at the next log-on), {@link NodeDispatch} (devices on
 * other nodes, R12), {@link Receipts}, {@link MessageHistory} and {@link ForeignBatches} (messages from other
 * ISPs in their peer's order).
 */
@ApplicationScoped
public class MessageService {

    /** Formats a message is kept in: the Local IM protocol's JSON, or the universal XML (both users universal, R9). */
    public static final String JSON = "json";
    public static final String XML = "xml";

    @Inject
    MessageSending sending;

    @Inject
    DeviceFallback fallback;

    @Inject
    OfflineStorage offline;

    @Inject
    MessageHistory history;

    @Inject
    Receipts receipts;

    // the container's executor
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    @Inject
    MessageCopies copies;

    /**
     * Sends a message from a local user. Completes when the message is durable and handed on (or
     * refused); refused input throws at once.
     */
    public CompletionStage<SendResult> send(String senderUser, SendRequest request) {
        return sending.send(senderUser, request);
    }

    /**
     * Sends a message from a local user's device; once taken, the user's other devices get a copy (message carbons),
     * unless {@code copy} is false (the sender marked it private: then the recipient's other devices get none either).
     */
    public CompletionStage<SendResult> send(String senderUser, String senderDevice, SendRequest request, boolean copy) {
        return sending.send(senderUser, senderDevice, request).thenApply(result -> {
            copies.sent(senderUser, senderDevice, request, result, copy);
            return result;
        });
    }

    /**
     * A device acknowledged a message it was given. Completes once the acknowledgement is durable: the message is
     * never offered to this device again, whatever crashes, so a client may forget it then.
     */
    public CompletionStage<Void> acknowledge(ClientSession session, String messageId) {
        return fallback.acknowledge(session, messageId);
    }

    /** Most acknowledgements a log-on may carry. */
    public static final int MAX_ACKS_AT_LOG_ON = 1000;

    /**
     * A device logging on gives the acknowledgements it sent on its last connection without an answer (the
     * connection went first): those messages are delivered to it and are not offered again. Completes once durable.
     */
    public CompletionStage<Void> acknowledgeAtLogOn(ClientSession session, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return fallback.acknowledgedWithoutSession(session.userName(), session.device(), messageIds);
    }

    /**
     * Whether a message handed to this session still waits for its acknowledgement there (a protocol that resends
     * what its client did not acknowledge, XMPP stream management, resends only these: the others went to another
     * device or back to storage).
     */
    public boolean awaitsAcknowledgement(ClientSession session, String messageId) {
        return fallback.inFlightTo(session, messageId);
    }

    /** A session ended: the messages it had not acknowledged go to the next device, or stay stored. */
    public void sessionClosed(ClientSession session) {
        fallback.sessionClosed(session);
    }

    /**
     * A session ended: the messages it had not acknowledged go to the next device, or are stored, and then (off the
     * caller's thread) {@code afterwards} runs, e.g. the session's row leaving the node table: a device that logged on
     * again elsewhere is offered what this session held before anything newer.
     */
    public void sessionClosed(ClientSession session, Runnable afterwards) {
        fallback.sessionClosed(session).whenCompleteAsync((done, failure) -> afterwards.run(), executor);
    }

    /**
     * A new log-on of the same device replaced this session: what it had not acknowledged goes on (to another device,
     * or stored) now, before the new session is offered its stored messages and takes new ones; completes then.
     */
    public CompletionStage<Void> replaced(ClientSession previous) {
        return fallback.sessionClosed(previous);
    }

    /**
     * Completes once the device of a session that logged on holds no session on another node any more (closed there,
     * or its node declared dead, with what that session held and what it had sent through that node stored): the
     * log-on is answered then, so that nothing the device sends or is given on this connection overtakes that.
     */
    public CompletionStage<Void> heldElsewhereNoMore(ClientSession session) {
        return offline.settled(session);
    }

    /**
     * Gives a device that logged on the messages stored for its user, oldest first, that the rules let it take; new
     * messages for it follow them. Completes once they were offered.
     */
    public CompletionStage<Void> deliverStored(ClientSession session) {
        return offline.deliverStored(session);
    }

    /** A page of the conversation between a local user and a contact, newest first. */
    public List<HistoryItem> history(String userName, String contactText, Instant before, int limit) {
        return history.page(userName, contactText, before, limit);
    }

    /** Messages handed to devices and waiting for their acknowledgement (for metrics). */
    public int inFlightCount() {
        return fallback.inFlightCount();
    }
}
