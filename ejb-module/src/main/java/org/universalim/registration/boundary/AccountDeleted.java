package org.universalim.registration.boundary;

import org.universalim.address.UserId;

import java.time.Instant;

/**
 * CDI event: an account is being deleted. Fired inside the deletion's one transaction, before the subscriber goes
 * (observers can still read it): each domain deletes the user's part in the same transaction (devices and presence
 * history, roster and requests, messages, block list, the peers tracking the user are told), so a deletion that
 * fails anywhere leaves the account whole. Observers order themselves with {@code @Priority}: those that still
 * need the roster before {@link #ROSTER}.
 *
 * @param universalAddress {@code null} for a local-only user
 */
public record AccountDeleted(String userName, UserId localAddress, UserId universalAddress, Instant at) {

    /** The order of the observers that clear the roster (federation tells peers before, others after). */
    public static final int ROSTER = 1000;

    public boolean universal() {
        return universalAddress != null;
    }
}
