package org.universalim.profile.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.profile.boundary.ProfileRefusal.Reason;
import org.universalim.profile.control.ProfileSettings;
import org.universalim.profile.entity.PersonalItem;
import org.universalim.profile.entity.PersonalNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Publishing on a user's personal eventing service (XEP-0163, XEP-0060 section 7): an item (one element of another
 * namespace, checked by the protocol that read it) goes to its node, created on first use with the publish
 * options (XEP-0223) or checked against them; the node keeps its newest items up to its maximum, a user's items
 * add up to a bounded size; retraction. Whoever may read the node is then told ({@link PersonalEventDelivery}).
 */
@Stateless
public class PersonalEvents {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    PersonalNodes nodes;

    @Inject
    ProfileSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<PersonalEventPublished> published;

    /** What was published: the node and the item's id (chosen by the server when the client gave none). */
    public record Published(String node, String itemId) {
    }

    /**
     * Publishes an item.
     *
     * @param itemId  {@code null} to have one chosen
     * @param options publish options (field to values), empty for none
     * @throws ProfileRefusal TOO_BIG, INVALID_PAYLOAD (a bad item id), PRECONDITION, MAX_NODES, QUOTA
     */
    public Published publish(String owner, String nodeName, String itemId, String payload, Map<String, List<String>> options) {
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.itemMaxBytes()) {
            throw new ProfileRefusal(Reason.TOO_BIG, "an item has at most " + settings.itemMaxBytes() + " bytes, not " + bytes);
        }
        String id = itemId == null || itemId.isEmpty() ? UUID.randomUUID().toString() : itemId;
        if (id.length() > PersonalItem.MAX_ID) {
            throw new ProfileRefusal(Reason.INVALID_PAYLOAD, "an item id has at most " + PersonalItem.MAX_ID + " characters");
        }
        Optional<PersonalNode> existing = nodes.find(owner, nodeName);
        PersonalNode node;
        if (existing.isPresent()) {
            node = existing.get();
            if (!options.isEmpty() && !PersonalNodes.config(node).meets(options, settings.itemsPerNode())) {
                throw new ProfileRefusal(Reason.PRECONDITION, "the node " + nodeName + " is configured otherwise than asked");
            }
        } else {
            try {
                node = nodes.created(owner, nodeName, options);
            } catch (ProfileRefusal e) {
                throw e.reason() == Reason.INVALID_OPTIONS ? new ProfileRefusal(Reason.PRECONDITION, e.getMessage()) : e;
            }
        }
        if (node.persistItems()) {
            keep(node, id, payload, bytes);
        }
        published.fire(new PersonalEventPublished(owner, node.accessModel(), PersonalEvent.item(nodeName, id, payload)));
        return new Published(nodeName, id);
    }

    private void keep(PersonalNode node, String id, String payload, int bytes) {
        Optional<PersonalItem> before = item(node, id);
        int freed = 0;
        if (before.isPresent()) {
            freed = before.get().bytes();
            em.remove(before.get());
            em.flush(); // the new row takes the same (node, item id)
        }
        Object sum = em.createNamedQuery(PersonalItem.BYTES_OF_OWNER).setParameter("owner", node.owner()).getSingleResult();
        long used = (sum instanceof Number n ? n.longValue() : 0) - freed;
        if (used + bytes > settings.bytesPerUser()) {
            throw new ProfileRefusal(Reason.QUOTA, "a user's items add up to at most " + settings.bytesPerUser() + " bytes");
        }
        em.persist(new PersonalItem(node, id, payload, bytes, clock.instant()));
        em.flush();
        nodes.trim(node);
    }

    /**
     * Retracts an item (XEP-0060 section 7.2); readers are told when {@code notify} says so, or when it is not
     * given and the node is configured to.
     *
     * @throws ProfileRefusal NO_NODE (no such node or item)
     */
    public void retract(String owner, String nodeName, String itemId, Boolean notify) {
        PersonalNode node = nodes.owned(owner, nodeName);
        PersonalItem item = item(node, itemId).orElseThrow(() -> new ProfileRefusal(Reason.NO_NODE, "no item " + itemId));
        em.remove(item);
        if (notify != null ? notify : node.notifyRetract()) {
            published.fire(new PersonalEventPublished(owner, node.accessModel(),
                    new PersonalEvent(nodeName, PersonalEvent.Kind.RETRACT, itemId, null)));
        }
    }

    private Optional<PersonalItem> item(PersonalNode node, String itemId) {
        return em.createNamedQuery(PersonalItem.BY_ID, PersonalItem.class).setParameter("node", node.id())
                .setParameter("item", itemId).getResultStream().findFirst();
    }
}
