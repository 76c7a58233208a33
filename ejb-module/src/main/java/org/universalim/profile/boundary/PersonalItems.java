package org.universalim.profile.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.profile.boundary.ProfileRefusal.Reason;
import org.universalim.profile.entity.PersonalItem;
import org.universalim.profile.entity.PersonalNode;
import org.universalim.registration.boundary.LocalRegistrar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading the personal event nodes of users of this ISP (XEP-0060 section 6.5, XEP-0163): items of a node, the
 * nodes a requester may read (service discovery), and the last item of each node a requester's resource asked to
 * be told of when it becomes available ({@code send_last_published_item}); each within what the node's access
 * model lets the requester see.
 */
@Stateless
public class PersonalItems {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    PersonalNodes nodes;

    @EJB
    LocalRegistrar registrar;

    /** The last item of a node, for a resource that becomes available. */
    public record Last(String owner, String node, ItemView item) {
    }

    /**
     * Items of a node: those named (that exist), or else the newest {@code max}, oldest first.
     *
     * @throws ProfileRefusal NO_USER, NO_NODE, NOT_AUTHORIZED, CLOSED
     */
    public List<ItemView> items(Requester requester, String owner, String nodeName, int max, List<String> ids) {
        PersonalNode node = readable(requester, owner, nodeName);
        List<PersonalItem> newestFirst = em.createNamedQuery(PersonalItem.OF_NODE, PersonalItem.class)
                .setParameter("node", node.id()).setMaxResults(ids.isEmpty() ? Math.max(1, max) : Integer.MAX_VALUE).getResultList();
        List<ItemView> items = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (PersonalItem i : newestFirst) {
                if (ids.contains(i.itemId())) {
                    items.add(new ItemView(i.itemId(), i.payload()));
                }
            }
            return items;
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            items.add(new ItemView(newestFirst.get(i).itemId(), newestFirst.get(i).payload()));
        }
        return items;
    }

    /** A node the requester may read. */
    public PersonalNode readable(Requester requester, String owner, String nodeName) {
        exists(owner);
        PersonalNode node = nodes.find(owner, nodeName).orElseThrow(() -> new ProfileRefusal(Reason.NO_NODE, "no node " + nodeName));
        nodes.checkReadable(node, requester);
        return node;
    }

    /** The nodes of {@code owner}'s the requester may read. */
    public List<PersonalNode> readableNodes(Requester requester, String owner) {
        exists(owner);
        return nodes.of(owner).stream().filter(n -> nodes.readable(owner, n.accessModel(), requester)).toList();
    }

    /**
     * The last item of each of the named nodes of these owners that the requester may read and that sends its last
     * item (not {@code never}).
     */
    public List<Last> lastItems(Requester requester, Collection<String> owners, Collection<String> nodeNames) {
        if (owners.isEmpty() || nodeNames.isEmpty()) {
            return List.of();
        }
        List<PersonalNode> found = em.createNamedQuery(PersonalNode.NAMED_OF_OWNERS, PersonalNode.class)
                .setParameter("owners", List.copyOf(owners)).setParameter("names", List.copyOf(nodeNames)).getResultList();
        Map<Long, PersonalNode> readable = new HashMap<>();
        for (PersonalNode n : found) {
            if (n.persistItems() && n.sendLast() != PersonalNode.SendLast.NEVER && nodes.readable(n.owner(), n.accessModel(), requester)) {
                readable.put(n.id(), n);
            }
        }
        if (readable.isEmpty()) {
            return List.of();
        }
        List<Last> last = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (PersonalItem i : em.createNamedQuery(PersonalItem.OF_NODES, PersonalItem.class)
                .setParameter("nodes", List.copyOf(readable.keySet())).getResultList()) {
            if (seen.add(i.nodeId())) {
                PersonalNode n = readable.get(i.nodeId());
                last.add(new Last(n.owner(), n.name(), new ItemView(i.itemId(), i.payload())));
            }
        }
        return last;
    }

    private void exists(String owner) {
        if (registrar.find(owner).filter(s -> !s.isDisabled()).isEmpty()) {
            throw new ProfileRefusal(Reason.NO_USER, "there is no user " + owner + " here");
        }
    }
}
