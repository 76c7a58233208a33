package org.universalim.roster.boundary;

/** CDI event: {@code requester} asks local user {@code owner} to see their presence. */
public record SubscriptionRequested(String owner, String requester, String message) {
}
