package org.universalim.profile.boundary;

import org.universalim.address.UserId;

/**
 * Who asks to read a profile: a user of this ISP (by user name) or a user of another ISP (by address, as their
 * ISP vouches for them).
 *
 * @param localUser the user name of a user of this ISP, {@code null} for a user of another ISP
 * @param address   the address roster items know the requester by: a local user's local address, a foreign user's address
 */
public record Requester(String localUser, UserId address) {

    public static Requester local(String userName, UserId localAddress) {
        return new Requester(userName, localAddress);
    }

    public static Requester foreign(UserId address) {
        return new Requester(null, address);
    }

    public boolean isLocal() {
        return localUser != null;
    }

    /** Whether this is the owner named (a local user). */
    public boolean is(String ownerUser) {
        return localUser != null && localUser.equals(ownerUser);
    }
}
