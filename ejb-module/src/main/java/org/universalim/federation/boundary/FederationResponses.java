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
            Map<String, OutboxItem> byMessage = new java.util.HashMap<>();
            items.forEach(i -> byMessage.put(i.subject(), i));
            for (MessageBatchResponse.Result r : batch.results) {
                if ("rejected".equals(r.status)) {
                    OutboxItem item = byMessage.get(r.id);
                    receipts.foreignFailed(r.id, item == null ? null : toldOf(item), recipient(item),
                            r.reason == null ? r.code : r.reason);
                }
            }
        }
    }

    /** The items could not be delivered (refused, or past their deadline): their senders are told. */
    public void undeliverable(List<OutboxItem> items, String reason) {
        for (OutboxItem item : items) {
            if (Operation.MESSAGES.path().equals(item.operation())) {
                receipts.foreignFailed(item.subject(), toldOf(item), recipient(item), reason);
            } else {
                log.warning(() -> "federation: " + item.operation() + " for " + item.peer() + " about " + item.subject()
                        + " given up: " + reason);
            }
        }
    }

    /**
     * The user told that a message failed: its sender, except for a client's own error message, which is never answered
     * with an error (RFC 6120 8.3.1).
     */
    private static String toldOf(OutboxItem item) {
        try {
            MessageBatch.Message m = WireCodec.read(item.payload(), MessageBatch.class).messages.get(0);
            if (m.extensions != null && !m.extensions.elements.isEmpty()) {
                org.w3c.dom.Element first = m.extensions.elements.get(0);
                if (MessageExtensions.ERROR.namespace().equals(first.getNamespaceURI())
                        && MessageExtensions.ERROR.localName().equals(first.getLocalName())) {
                    return null;
                }
            }
        } catch (WireCodec.Refused | RuntimeException e) {
            // told as any message
        }
        return item.senderUser();
    }

    private static String recipient(OutboxItem item) {
        if (item == null) {
            return null;
        }
        try {
            return WireCodec.read(item.payload(), MessageBatch.class).messages.get(0).to;
        } catch (WireCodec.Refused e) {
            return null;
        }
    }
}
