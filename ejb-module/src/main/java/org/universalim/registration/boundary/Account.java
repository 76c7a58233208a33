package org.universalim.registration.boundary;

import org.universalim.registration.entity.PersonalAttributes;

import java.time.Instant;

/**
 * A user's account as its owner sees it: both addresses (one person, one account, two addresses when
 * universal) and the personal attributes.
 *
 * @param universalAddress {@code null} for a local-only user
 */
public record Account(String userName, String localAddress, String universalAddress, boolean universal,
                      PersonalAttributes attributes, String timeZone, Instant registeredAt, Instant universalSince) {

    /** What anyone may see of the account. */
    public PublicProfile publicProfile() {
        return new PublicProfile(userName, attributes.screenName(), localAddress, universalAddress, universal);
    }
}
