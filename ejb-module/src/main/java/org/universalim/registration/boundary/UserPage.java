package org.universalim.registration.boundary;

import java.util.List;

/**
 * One page of a user search.
 *
 * @param total how many users match in all
 */
public record UserPage(String query, int offset, int limit, long total, List<UserSummary> users) {
}
