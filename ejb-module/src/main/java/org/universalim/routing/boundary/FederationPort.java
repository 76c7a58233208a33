package org.universalim.routing.boundary;

import org.universalim.address.UserId;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the routing core needs from the Universal IM server's federation with other ISPs (FIG. 6 step 620):
 * messages, receipts, connection requests and availability for users of other ISPs. The federation
 * module provides the implementation; without it every foreign request gets "remote ISP not reachable".
 * (Presence authorization is the roster's own port, {@code roster.boundary.ForeignSubscriptions}.)
 */
public interface FederationPort {

    /** The outcome of handing something to another ISP. */
    record Outcome(boolean accepted, String code, String reason) {

        public static Outcome ok() {
            return new Outcome(true, null, null);
        }

        public static Outcome refused(String code, String reason) {
            return new Outcome(false, code, reason);
        }
    }

    /**
     * A message from a local user to a user of another ISP: its extension elements (XML, or null), the client's own
     * stanza id and the device it was sent from go only to an ISP that {@link #takesExtensions takes them}; the resource
     * an error message was addressed to only to an XMPP server.
     */
    record OutgoingMessage(String messageId, String fromUser, UserId from, UserId to, String application,
                           int securityLevel, String body, java.time.Instant sentAt, String extensions, String stanzaId,
                           String fromDevice, String toResource) {

        public OutgoingMessage(String messageId, String fromUser, UserId from, UserId to, String application,
                               int securityLevel, String body, java.time.Instant sentAt, String extensions, String stanzaId,
                               String fromDevice) {
            this(messageId, fromUser, from, to, application, securityLevel, body, sentAt, extensions, stanzaId, fromDevice, null);
        }

        public OutgoingMessage(String messageId, String fromUser, UserId from, UserId to, String application,
                               int securityLevel, String body, java.time.Instant sentAt) {
            this(messageId, fromUser, from, to, application, securityLevel, body, sentAt, null, null, null, null);
        }
    }

    /**
     * Whether the ISP of {@code to} takes a message's extension elements, stanza id and sending device (it may ask that
     * ISP, so not from within a transaction of the message path).
     */
    default boolean takesExtensions(UserId to) {
        return false;
    }

    /**
     * Takes a message for another ISP in the caller's transaction. Accepted means it is queued for that ISP (durably
     * once {@link #queued} is called and the transaction commits; delivery receipts follow); refused means the sender
     * must be told.
     */
    Outcome deliver(OutgoingMessage message);

    /**
     * Writes the messages {@link #deliver} took in the caller's transaction to the other ISPs' outboxes, a few to a
     * request; called before that transaction ends (one that ends with messages not written is rolled back).
     */
    default void queued() {
    }

    /** A connection request (FIG. 6) for a user of another ISP; answered by that ISP. */
    CompletionStage<ConnectionAnswer> connect(String requesterUser, UserId requester, UserId contact);

    /** The availability windows of a foreign user (R7), asked of their ISP; empty when refused or unreachable. */
    Optional<org.universalim.presence.boundary.AvailabilityView> availability(String requesterUser, UserId requester,
                                                                              UserId contact);

    /** What became of a message a user of another ISP sent to a local user, for that user's ISP. */
    record Receipt(String messageId, UserId sender, String recipient, ReceiptStatus status, String device, String reason) {
    }

    /** Tells a foreign sender's ISP what became of a message to a local user. */
    default void receipt(String messageId, UserId sender, String recipient, ReceiptStatus status, String device, String reason) {
        receipts(java.util.List.of(new Receipt(messageId, sender, recipient, status, device, reason)));
    }

    /**
     * Queues receipts for the foreign senders' ISPs in the caller's transaction (durable with the status they tell
     * of), a few to a request: they are resent until each ISP has them.
     */
    void receipts(java.util.List<Receipt> receipts);
}
