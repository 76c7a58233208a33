package org.universalim.routing.boundary;

/**
 * Another node of this ISP queued something for a peer ISP (its federation outbox) and asks the node that
 * sends to peers to look now; fired when the node channel brings that news (see {@link NodeChannel#outboxFilled}).
 */
public record PeerWorkQueued(String peer) {
}
