package org.universalim.federation.boundary;

import org.universalim.address.UserId;
import org.universalim.presence.boundary.UserPresence;

/** CDI event: a peer pushed the presence of one of its users that local users watch. */
public record ForeignPresenceChanged(UserId address, UserPresence presence) {
}
