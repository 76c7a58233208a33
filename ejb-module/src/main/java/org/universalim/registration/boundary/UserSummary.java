package org.universalim.registration.boundary;

import java.time.Instant;

/**
 * A user as the ISP's staff see them in a list: both addresses, the names to search by, whether the
 * account is disabled, and how many of the user's devices are online.
 *
 * @param universalAddress {@code null} for a local-only user
 * @param devices          registered devices
 * @param devicesOnline    devices whose state is not offline
 */
public record UserSummary(String userName, String localAddress, String universalAddress, boolean universal,
                          String fullName, String screenName, String email, boolean disabled, Instant registeredAt,
                          int devices, int devicesOnline) {
}
