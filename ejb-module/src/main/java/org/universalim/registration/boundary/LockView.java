package org.universalim.registration.boundary;

import java.time.Instant;

/**
 * An account or client address with failed log-ins counted on this node, for the administrator.
 *
 * @param kind        {@code account} or {@code address}
 * @param key         the user name, or the client address (IPv6 as its /64 network)
 * @param failures    failed log-ins counted (forgotten a lock time after the last)
 * @param lastFailure when the last one was
 * @param until       when the next attempt may come; {@code null} when one may come now
 * @param locked      the lock threshold is reached: nothing is checked until {@code until}
 */
public record LockView(String kind, String key, int failures, Instant lastFailure, Instant until, boolean locked) {
}
