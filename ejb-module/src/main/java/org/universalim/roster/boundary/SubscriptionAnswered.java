package org.universalim.roster.boundary;

import org.universalim.address.UserId;

/**
 * CDI event: {@code contact} answered local user {@code requester}'s request to see the contact's
 * presence (or revoked it: {@code approved} false).
 */
public record SubscriptionAnswered(String requester, UserId contact, boolean approved) {
}
