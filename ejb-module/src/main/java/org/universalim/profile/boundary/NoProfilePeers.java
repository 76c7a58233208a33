package org.universalim.profile.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.address.UserId;

import java.util.Collection;
import java.util.List;

/** Profiles when no federation is deployed: no other ISP is asked. */
@ApplicationScoped
public class NoProfilePeers implements ProfilePeers {

    private static ProfileRefusal unavailable(UserId owner) {
        return new ProfileRefusal(ProfileRefusal.Reason.UNAVAILABLE, "the ISP of " + owner + " is not reachable from here");
    }

    @Override
    public String card(Requester requester, UserId owner) {
        throw unavailable(owner);
    }

    @Override
    public List<ItemView> items(Requester requester, UserId owner, String node, int max, List<String> ids) {
        throw unavailable(owner);
    }

    @Override
    public List<NodeView> nodes(Requester requester, UserId owner) {
        throw unavailable(owner);
    }

    @Override
    public NodeView node(Requester requester, UserId owner, String node) {
        throw unavailable(owner);
    }

    @Override
    public void notify(UserId publisher, PersonalEvent event, Collection<UserId> recipients) {
        // no other ISP to tell
    }
}
