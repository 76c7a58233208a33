package org.universalim.roster.boundary;

/**
 * CDI event: {@code contact} answered local user {@code requester}'s request to see the contact's
 * presence (or revoked it: {@code approved} false).
 */
public record SubscriptionAnswered(String requester, String contact, boolean approved) {
}
