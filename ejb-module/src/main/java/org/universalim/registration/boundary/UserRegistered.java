package org.universalim.registration.boundary;

import org.universalim.address.UserId;

import java.time.Instant;

/**
 * CDI event: a new user registered. Fired inside the registration's transaction, so an observer that
 * writes (e.g. the federation outbox) commits or rolls back with it.
 *
 * @param universalAddress {@code null} when the user registered with the Local IM server only
 */
public record UserRegistered(String userName, UserId localAddress, UserId universalAddress, Instant at) {

    public boolean universal() {
        return universalAddress != null;
    }
}
