package org.universalim.presence.boundary;

import org.universalim.address.UserId;

import java.time.Instant;

/**
 * CDI event: an availability alert fired (R7) — the contact became available inside the window. Fired in
 * the transaction that marked the alert; the client protocols deliver it to the watcher after commit.
 */
public record AvailabilityAlertFired(long alertId, String watcher, UserId contact, String device, Instant at) {
}
