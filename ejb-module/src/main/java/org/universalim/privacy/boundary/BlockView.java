package org.universalim.privacy.boundary;

import java.time.Instant;

/**
 * One entry of a user's block list as the user sees it.
 *
 * @param address a user's address or, when {@code domain}, a whole domain
 */
public record BlockView(String address, boolean domain, Instant blockedAt) {
}
