package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

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
        return sending.send(senderUser, request).thenApply(result -> {
            copies.sent(senderUser, senderDevice, request, result, copy);
            return result;
        });
    }

    /** A device acknowledged a message it was given. */
    public void acknowledge(ClientSession session, String messageId) {
        fallback.acknowledge(session, messageId);
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

    /** Gives a device that logged on the messages stored for its user, oldest first, that it may take. */
    public void deliverStored(ClientSession session) {
        offline.deliverStored(session);
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
