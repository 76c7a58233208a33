package org.universalim.roster.boundary;

import java.time.Instant;

/** A request to see the user's presence, waiting for the user's answer. */
public record PendingRequest(String from, String message, Instant at) {
}
