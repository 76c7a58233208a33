package org.universalim.roster.boundary;

import org.universalim.address.UserId;
import org.universalim.presence.boundary.UserPresence;

import java.util.Optional;

/**
 * What the roster needs of other ISPs (R5): asking a foreign user to see their presence, answering or
 * revoking a foreign user's request, stopping to watch one, and the presence last known of one. Roster's half
 * of the federation port, declared here and provided by the federation module (as Cargo Tracker declares
 * {@code RoutingService} in its domain and implements it in infrastructure); without federation deployed,
 * {@link NoForeignSubscriptions} answers that no other ISP is reachable.
 */
public interface ForeignSubscriptions {

    /**
     * Asks a user of another ISP to let a local user see their presence; the request is queued for that ISP.
     *
     * @throws org.universalim.platform.ConflictException when it cannot be asked (no peer serves that
     *                                                    domain, or the contact or the requester is not universal)
     */
    void subscribe(String requesterUser, UserId requester, UserId contact, String message);

    /** A local user answers (or revokes) a foreign user's request to see their presence. */
    void answer(String ownerUser, UserId owner, UserId requester, boolean approved);

    /** A local user stopped watching a foreign user. */
    void unsubscribe(String requesterUser, UserId requester, UserId contact);

    /** The last presence known of a foreign user, when tracked and authorized. */
    Optional<UserPresence> presence(UserId contact);
}
