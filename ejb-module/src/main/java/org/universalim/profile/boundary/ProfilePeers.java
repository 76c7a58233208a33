package org.universalim.profile.boundary;

import org.universalim.address.UserId;
import org.universalim.profile.entity.AccessModel;

import java.util.Collection;
import java.util.List;

/**
 * What profiles need of the other ISPs: reading the card and the personal event nodes of their users, and telling
 * their users of events on ours. The federation provides it (and asks only the peers that announce they offer it);
 * without it every other ISP is unavailable.
 */
public interface ProfilePeers {

    /** A node of a user of another ISP, as its ISP describes it. */
    record NodeView(String name, AccessModel access) {
    }

    /**
     * The card of a user of another ISP.
     *
     * @throws ProfileRefusal NO_USER, NOT_AUTHORIZED, UNAVAILABLE or UNREACHABLE
     */
    String card(Requester requester, UserId owner);

    /**
     * Items of a node of a user of another ISP: those named, or the newest {@code max}.
     *
     * @throws ProfileRefusal as the owner's ISP decided, or UNAVAILABLE, UNREACHABLE
     */
    List<ItemView> items(Requester requester, UserId owner, String node, int max, List<String> ids);

    /** The nodes of a user of another ISP the requester may read. */
    List<NodeView> nodes(Requester requester, UserId owner);

    /** One node of a user of another ISP, if the requester may read it. */
    NodeView node(Requester requester, UserId owner, String node);

    /**
     * Tells users of other ISPs of an event on a node of a user of ours; each ISP passes it to those of its users
     * that asked for it. Queued durably per ISP; ISPs that do not take such events are left out.
     */
    void notify(UserId publisher, PersonalEvent event, Collection<UserId> recipients);
}
