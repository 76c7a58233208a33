package org.universalim.federation.boundary;

import java.time.Instant;

/**
 * A request waiting in a peer's outbox, as the ISP's administrator sees it.
 *
 * @param subject    what it is about: the message id, or the user it concerns
 * @param senderUser the local user told when a message cannot be delivered
 */
public record OutboxItemView(long id, String operation, String subject, String senderUser, Instant createdAt,
                             Instant deadline, int attempts, Instant nextAttemptAt, String lastError) {
}
