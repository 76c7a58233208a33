package org.universalim.registration.boundary;

/** CDI event: a user edited their personal attributes, inside the change's transaction. */
public record ProfileChanged(String userName, String screenName) {
}
