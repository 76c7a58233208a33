package org.universalim.federation.boundary;

/** CDI event: something was queued for a peer; the sender starts on it once the transaction commits. */
public record OutboxFilled(String peer) {
}
