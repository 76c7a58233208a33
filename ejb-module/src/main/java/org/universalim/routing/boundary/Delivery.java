package org.universalim.routing.boundary;

import org.universalim.presence.boundary.UserPresence;
import org.universalim.roster.boundary.RosterEntry;

import java.time.Instant;

/** Something the server sends to a connected client; each protocol encodes these its own way. */
public sealed interface Delivery {

    /**
     * An instant message. {@code format} is {@code json} between local-only users and {@code xml} when
     * both are universal (R9); {@code universalXml} then holds the stanza in the universal format. {@code body} is
     * empty for a message of extension elements alone.
     *
     * @param extensions the extension elements (XML: chat states, receipts, markers, corrections, reactions...), or null
     * @param stanzaId   the sending client's own id of the message, or null (then the message id stands for it)
     * @param fromDevice the device (resource) it was sent from, when known
     */
    record Message(String messageId, String from, String to, String application, int securityLevel, String body,
                   Instant sentAt, boolean offline, String format, String universalXml, String extensions, String stanzaId,
                   String fromDevice) implements Delivery {

        /** The one JSON-B uses (the node channel). */
        @jakarta.json.bind.annotation.JsonbCreator
        public Message {
        }

        /** A message with a body and nothing else. */
        public Message(String messageId, String from, String to, String application, int securityLevel, String body,
                       Instant sentAt, boolean offline, String format, String universalXml) {
            this(messageId, from, to, application, securityLevel, body, sentAt, offline, format, universalXml, null, null, null);
        }
    }

    /** A contact's presence changed (or is sent at log-on). */
    record Presence(UserPresence presence) implements Delivery {
    }

    /** A roster entry was added, changed or removed. */
    record RosterUpdate(RosterEntry entry, boolean removed) implements Delivery {
    }

    /** Someone asks to see the user's presence. */
    record SubscriptionRequest(String from, String message) implements Delivery {
    }

    /** A contact answered the user's request to see the contact's presence. */
    record SubscriptionAnswer(String contact, boolean approved) implements Delivery {
    }

    /**
     * What became of a message the user sent: {@code delivered} (a device acknowledged), {@code stored}
     * (kept for the recipient's next log-on), {@code forwarded} (handed to the recipient's ISP) or
     * {@code failed} with a reason.
     *
     * @param fromDevice the device the message was sent from, when known (a failure for another ISP: the error goes to
     *                   that resource, copies of it to the others that asked for carbons, XEP-0280 section 6)
     * @param stanzaId   the sending client's own id of the message, when it gave one (the error carries it)
     */
    record Receipt(String messageId, String recipient, ReceiptStatus status, String device, String reason, String fromDevice,
                   String stanzaId) implements Delivery {

        /** The one JSON-B uses (the node channel). */
        @jakarta.json.bind.annotation.JsonbCreator
        public Receipt {
        }

        public Receipt(String messageId, String recipient, ReceiptStatus status, String device, String reason) {
            this(messageId, recipient, status, device, reason, null, null);
        }
    }

    /** An availability alert the user set fired (R7). */
    record AlertFired(long alertId, String contact, String device, Instant at) implements Delivery {
    }

    /**
     * Something happened on a personal event node the user may read (XEP-0163): an item was published (with its
     * payload), retracted, or the node was purged or deleted. Each connection passes it on only to resources that
     * asked for that node ({@code +notify}).
     *
     * @param from the node's owner (address)
     * @param kind {@code item}, {@code retract}, {@code purge} or {@code delete}
     */
    record PersonalEvent(String from, String node, String kind, String itemId, String payload) implements Delivery {
    }

    /**
     * A copy of a message the user sent or received on another device (XEP-0280 message carbons, and the Local
     * protocol's {@code message.copy}): each session passes it on only when its client asked for copies, and never
     * to {@code device} itself, the device that sent it ({@code sent}) or was given it ({@code received}).
     *
     * @param direction {@code sent} or {@code received}
     * @param from      the sender as shown to users
     * @param to         the recipient as shown to users (as the sender wrote it, for {@code sent})
     * @param body       empty for a message of extension elements alone (a chat state, a marker, a reaction)
     * @param extensions the message's extension elements as the sending client gave them (XML), or null
     * @param stanzaId   the sending client's own id of the message, or null (then the message id stands for it)
     * @param fromDevice the device (resource) it was sent from, when known
     */
    record Copy(String direction, String messageId, String from, String to, String device, String application,
                int securityLevel, String body, Instant sentAt, String extensions, String stanzaId, String fromDevice)
            implements Delivery {

        public static final String SENT = "sent";
        public static final String RECEIVED = "received";
    }

    /**
     * A stanza for one device of the user, as it is to be written (an IQ from a resource of another ISP's user, RFC 6121
     * 8.5.3): only the session of {@code device} passes it on, and only a protocol that speaks XMPP.
     *
     * @param asked set when the stanza answers an IQ the device sent to a remote XMPP entity over s2s and the answer
     *              arrived on another node's stream: the session passes it on only while that IQ waits for it (it waits
     *              on the device's node, which settles it once), else drops it; null for any other stanza
     */
    record Stanza(String device, String xml, Asked asked) implements Delivery {

        /** The one JSON-B uses (the node channel); {@code asked} is absent from a node of an older version. */
        @jakarta.json.bind.annotation.JsonbCreator
        public Stanza {
        }

        public Stanza(String device, String xml) {
            this(device, xml, null);
        }

        /** The IQ an answer settles: its id and the remote entity it was sent to (the answer's {@code from}). */
        public record Asked(String id, String remote) {
        }
    }

    /**
     * The user blocked or unblocked an address or domain (on any device, in any protocol): the user's devices show
     * their one block list as it is (XEP-0191's pushes).
     */
    record BlockUpdate(String address, boolean blocked) implements Delivery {
    }
}
