package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.universalim.address.UserId;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;

import java.util.List;

/**
 * A local user's presence and the local users who see it, read in one transaction: what is pushed after the user's
 * presence changed (R6). Two reads were two transactions for every log-on, log-off and state change (issue 19).
 */
@Stateless
public class WatchedPresence {

    @EJB
    PresenceDirectory directory;

    @EJB
    PresenceAuthorization authorization;

    /** The presence of local user {@code userName} (at {@code localAddress}) and who sees it, the user not among them. */
    public Watched of(String userName, UserId localAddress) {
        return new Watched(directory.presence(userName), authorization.localWatchersOf(userName, localAddress));
    }

    /** A presence and its local watchers. */
    public record Watched(UserPresence presence, List<String> watchers) {
    }
}
