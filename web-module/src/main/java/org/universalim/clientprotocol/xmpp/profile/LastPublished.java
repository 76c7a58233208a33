package org.universalim.clientprotocol.xmpp.profile;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.platform.IspSettings;
import org.universalim.profile.boundary.ItemView;
import org.universalim.profile.boundary.PersonalItems;
import org.universalim.profile.boundary.ProfilePeers;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.boundary.Requester;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.boundary.RosterService;
import org.universalim.routing.boundary.Delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The last published item of each node a resource asked to be told of ({@code +notify}), sent when the resource
 * becomes available (XEP-0163 section 4.3.3, {@code send_last_published_item}): of the user's own nodes and of the
 * contacts whose presence the user sees, as far as each node lets the user read it. Contacts of this ISP at once;
 * contacts of other ISPs are asked of their ISP off the client's thread (which nodes the user may read, then the
 * newest item of those asked for), at most {@value #REMOTE_CALLS} calls per resource.
 */
@ApplicationScoped
public class LastPublished {

    @EJB
    PersonalItems items;

    @EJB
    RosterService roster;

    @EJB
    ContactAddresses addresses;

    @Inject
    IspSettings isp;

    @Inject
    ProfilePeers peers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Logger log;

    static final int REMOTE_CALLS = 60;

    public void sendTo(XmppSession session) {
        Set<String> nodes = session.presence().announced().features().stream().filter(f -> f.endsWith("+notify"))
                .map(f -> f.substring(0, f.length() - "+notify".length())).collect(Collectors.toSet());
        if (nodes.isEmpty()) {
            return;
        }
        String user = session.userName();
        try {
            List<String> owners = new ArrayList<>();
            List<UserId> foreign = new ArrayList<>();
            owners.add(user);
            for (RosterEntry entry : roster.roster(user)) {
                if (!entry.subscription().seesContact()) {
                    continue;
                }
                if (entry.sameIsp()) {
                    contact(entry.contact()).ifPresent(owners::add);
                } else if (entry.universal()) {
                    foreign.add(UserId.parse(entry.contact()));
                }
            }
            Requester requester = Requester.local(user, isp.localAddress(user));
            for (PersonalItems.Last last : items.lastItems(requester, owners, nodes)) {
                send(session, addresses.addressOf(last.owner()), last.node(), last.item());
            }
            if (!foreign.isEmpty()) {
                executor.execute(() -> fromOtherIsps(session, requester, foreign, nodes));
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "last published items not sent to " + session.jid(), e);
        }
    }

    private void fromOtherIsps(XmppSession session, Requester requester, List<UserId> contacts, Set<String> nodes) {
        int calls = 0;
        for (UserId contact : contacts) {
            try {
                if (++calls > REMOTE_CALLS || session.presence().announced().features().isEmpty()) {
                    return;
                }
                for (ProfilePeers.NodeView node : peers.nodes(requester, contact)) {
                    if (!nodes.contains(node.name())) {
                        continue;
                    }
                    if (++calls > REMOTE_CALLS) {
                        return;
                    }
                    List<ItemView> newest = peers.items(requester, contact, node.name(), 1, List.of());
                    if (!newest.isEmpty()) {
                        send(session, contact.toString(), node.name(), newest.get(newest.size() - 1));
                    }
                }
            } catch (ProfileRefusal e) {
                log.fine(() -> "no last items of " + contact + " for " + session.jid() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                log.log(Level.FINE, "last items of " + contact + " not asked", e);
            }
        }
    }

    private static void send(XmppSession session, String owner, String node, ItemView item) {
        if (session.presence().announced().notifies(node)) { // not gone unavailable since
            session.send(session.encoder().personalEvent(new Delivery.PersonalEvent(owner, node, "item", item.id(), item.payload()),
                    session.jid()));
        }
    }

    private java.util.Optional<String> contact(String address) {
        try {
            return addresses.localUser(UserId.parse(address)).map(s -> s.userName());
        } catch (InvalidAddressException e) {
            return java.util.Optional.empty();
        }
    }
}
