package org.universalim.registration.boundary;

import org.universalim.address.UserId;

import java.time.Instant;

/** CDI event: a local-only user became universal (R9), inside the upgrade's transaction. */
public record UserUpgraded(String userName, UserId localAddress, UserId universalAddress, Instant at) {
}
