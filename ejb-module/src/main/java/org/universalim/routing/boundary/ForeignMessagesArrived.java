package org.universalim.routing.boundary;

import org.universalim.routing.entity.ImMessage;

import java.util.List;

/**
 * CDI event, fired in the federation's transaction: messages from users of the ISP {@code peer} are being stored;
 * they are dispatched once that transaction commits, after the peer's earlier batches.
 */
public record ForeignMessagesArrived(String peer, List<ImMessage> messages) {
}
