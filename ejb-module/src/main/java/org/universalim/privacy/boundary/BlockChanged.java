package org.universalim.privacy.boundary;

/**
 * CDI event: a user blocked or unblocked an address, fired inside the change's transaction. Observers after
 * success tell the devices concerned (the two users no longer see each other's presence, or again).
 *
 * @param address the entry, normalised (a user's address, or a domain)
 */
public record BlockChanged(String owner, String address, boolean blocked) {
}
