package org.universalim.registration.boundary;

/** The public part of an account: the screen name and the addresses; no personal attributes. */
public record PublicProfile(String userName, String screenName, String localAddress, String universalAddress,
                            boolean universal) {
}
