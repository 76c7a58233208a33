package org.universalim.roster.boundary;

import org.universalim.presence.boundary.UserPresence;
import org.universalim.roster.entity.Subscription;

import java.util.List;

/**
 * One line of the roster a client gets (R5): built from the Local IM server's roster and the Universal IM
 * server's knowledge of universal and foreign users.
 *
 * @param contact      the contact's address (the universal one for a universal user)
 * @param universal    the contact is a universal user: clients highlight these
 * @param sameIsp      the contact is a user of this ISP
 * @param asking       the user asked to see the contact's presence and awaits the answer
 * @param presence     the contact's presence, only when the contact lets the user see it
 */
public record RosterEntry(String contact, String name, List<String> groups, Subscription subscription, boolean asking,
                          boolean universal, boolean sameIsp, UserPresence presence) {
}
