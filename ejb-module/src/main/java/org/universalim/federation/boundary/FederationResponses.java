package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.MessageBatchResponse;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.TrackResponse;
import org.universalim.routing.boundary.Receipts;
import org.universalim.routing.control.MessageExtensions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** What we do with a peer's answers to what we sent, and with requests that failed for good. */
@Stateless
public class FederationResponses {

    @EJB
    ForeignUsers foreign;

    @Inject
    Receipts receipts;

    @Inject
    Logger log;

    /** The peer answered the given items, sent at {@code sentAt}. */
    public void answered(List<OutboxItem> items, Object answer, Instant sentAt) {
        OutboxItem first = items.get(0);
        Operation op = Operation.byPath(first.operation());
        if (op == Operation.TRACK && answer instanceof TrackResponse track) {
            foreign.tracked(first.subject(), track, sentAt);
        } else if (op == Operation.MESSAGES && answer instanceof MessageBatchResponse batch) {
            Map<String, Sent> byMessage = null; // read from the items at the first rejection only
            for (MessageBatchResponse.Result r : batch.results) {
                if ("rejected".equals(r.status)) {
                    if (byMessage == null) {
                        byMessage = new HashMap<>();
                        for (OutboxItem item : items) {
                            for (Sent sent : sent(item)) {
                                byMessage.put(sent.id(), sent);
                            }
                        }
                    }
                    Sent sent = byMessage.get(r.id);
                    failed(r.id, sent, r.reason == null ? r.code : r.reason);
                }
            }
        }
    }

    /** The items could not be delivered (refused, or past their deadline): their senders are told. */
    public void undeliverable(List<OutboxItem> items, String reason) {
        for (OutboxItem item : items) {
            if (Operation.MESSAGES.path().equals(item.operation())) {
                for (Sent sent : sent(item)) {
                    failed(sent.id(), sent, reason);
                }
            } else {
                log.warning(() -> "federation: " + item.operation() + " for " + item.peer() + " about " + item.subject()
                        + " given up: " + reason);
            }
        }
    }

    /** A message of an outbox item (several messages to an item), and whether it was a client's own error message. */
    record Sent(String id, String to, boolean error, OutboxItem item) {
    }

    /** The messages an item of the operation {@code messages} holds (only its subject's id when it does not read back). */
    static List<Sent> sent(OutboxItem item) {
        List<Sent> sent = new ArrayList<>();
        try {
            for (MessageBatch.Message m : WireCodec.read(item.payload(), MessageBatch.class).messages) {
                sent.add(new Sent(m.id, m.to, isError(m), item));
            }
        } catch (WireCodec.Refused | RuntimeException e) {
            sent.add(new Sent(item.subject(), null, false, item));
        }
        return sent;
    }

    /**
     * Tells the sender that a message failed, except for a client's own error message, which is never answered with an
     * error (RFC 6120 8.3.1); the sender is the item's, or read with the message when the item held several senders'.
     */
    private void failed(String messageId, Sent sent, String reason) {
        String recipient = sent == null ? null : sent.to();
        if (sent == null || sent.error()) {
            receipts.foreignFailed(messageId, null, recipient, reason);
        } else if (sent.item().senderUser() != null) {
            receipts.foreignFailed(messageId, sent.item().senderUser(), recipient, reason);
        } else {
            receipts.foreignFailedOfItsSender(messageId, recipient, reason);
        }
    }

    private static boolean isError(MessageBatch.Message m) {
        if (m.extensions == null || m.extensions.elements.isEmpty()) {
            return false;
        }
        org.w3c.dom.Element first = m.extensions.elements.get(0);
        return MessageExtensions.ERROR.namespace().equals(first.getNamespaceURI())
                && MessageExtensions.ERROR.localName().equals(first.getLocalName());
    }
}
