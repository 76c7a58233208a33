package org.universalim.roster.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.address.UserId;
import org.universalim.platform.ConflictException;
import org.universalim.presence.boundary.UserPresence;

import java.util.Optional;

/** The roster's foreign half when no federation is deployed: no other ISP is reachable. */
@ApplicationScoped
public class NoForeignSubscriptions implements ForeignSubscriptions {

    @Override
    public void subscribe(String requesterUser, UserId requester, UserId contact, String message) {
        throw new ConflictException("remote_unreachable", "the ISP of " + contact + " is not reachable from here");
    }

    @Override
    public void answer(String ownerUser, UserId owner, UserId requester, boolean approved) {
        // nobody of another ISP could have asked
    }

    @Override
    public void unsubscribe(String requesterUser, UserId requester, UserId contact) {
        // nobody of another ISP is watched
    }

    @Override
    public Optional<UserPresence> presence(UserId contact) {
        return Optional.empty();
    }
}
