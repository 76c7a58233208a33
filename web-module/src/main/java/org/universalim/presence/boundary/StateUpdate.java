package org.universalim.presence.boundary;

/** A device's new state (READY, BUSY, AWAY, DO_NOT_DISTURB, OFFLINE) and optional status text. */
public record StateUpdate(String state, String statusText) {
}
