package org.universalim.profile.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.profile.boundary.ProfileRefusal.Reason;
import org.universalim.profile.control.NodeConfig;
import org.universalim.profile.control.ProfileSettings;
import org.universalim.profile.entity.AccessModel;
import org.universalim.profile.entity.PersonalItem;
import org.universalim.profile.entity.PersonalNode;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.PresenceAuthorization;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes of users' personal eventing services (XEP-0163): created when first published to (or on request),
 * configured (XEP-0060 section 8.2), purged and deleted by their owner; bounded in number per user; and who may
 * read one: its owner always, anyone when open, those the owner lets see their presence when presence (R5), no
 * one else when whitelist.
 */
@Stateless
public class PersonalNodes {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @EJB
    PresenceAuthorization authorization;

    @Inject
    ProfileSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<PersonalEventPublished> published;

    public Optional<PersonalNode> find(String owner, String name) {
        return em.createNamedQuery(PersonalNode.BY_NAME, PersonalNode.class).setParameter("owner", owner).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public List<PersonalNode> of(String owner) {
        return em.createNamedQuery(PersonalNode.OF_OWNER, PersonalNode.class).setParameter("owner", owner).getResultList();
    }

    /**
     * Creates a node of the user's with the default configuration changed by {@code options}.
     *
     * @throws ProfileRefusal EXISTS, MAX_NODES, INVALID_OPTIONS, NO_USER
     */
    public PersonalNode create(String owner, String name, Map<String, List<String>> options) {
        if (find(owner, name).isPresent()) {
            throw new ProfileRefusal(Reason.EXISTS, "a node " + name + " exists already");
        }
        return created(owner, name, options);
    }

    /** A new node (the caller knows there is none of that name). */
    public PersonalNode created(String owner, String name, Map<String, List<String>> options) {
        if (name == null || name.isBlank() || name.length() > PersonalNode.MAX_NAME) {
            throw new ProfileRefusal(Reason.INVALID_OPTIONS, "a node name has 1 to " + PersonalNode.MAX_NAME + " characters");
        }
        Subscriber subscriber = registrar.find(owner).orElseThrow(() -> new ProfileRefusal(Reason.NO_USER, "no user " + owner));
        long count = em.createNamedQuery(PersonalNode.COUNT_OF_OWNER, Long.class).setParameter("owner", owner).getSingleResult();
        if (count >= settings.nodesPerUser()) {
            throw new ProfileRefusal(Reason.MAX_NODES, "a user has at most " + settings.nodesPerUser() + " nodes");
        }
        NodeConfig config = configured(NodeConfig.defaults(), options);
        PersonalNode node = new PersonalNode(owner, subscriber.id(), name, clock.instant());
        apply(node, config);
        em.persist(node);
        return node;
    }

    /** The node's configuration. */
    public NodeConfig configuration(String owner, String name) {
        return config(owned(owner, name));
    }

    /**
     * Changes the node's configuration; items over a lowered maximum go, oldest first.
     *
     * @throws ProfileRefusal NO_NODE, INVALID_OPTIONS
     */
    public void configure(String owner, String name, Map<String, List<String>> fields) {
        PersonalNode node = owned(owner, name);
        apply(node, configured(config(node), fields));
        trim(node);
    }

    /** Removes the node's items; the owner's resources (and whoever may read it) are told. */
    public void purge(String owner, String name) {
        PersonalNode node = owned(owner, name);
        em.createQuery("DELETE FROM PersonalItem i WHERE i.nodeId = :node").setParameter("node", node.id()).executeUpdate();
        published.fire(new PersonalEventPublished(owner, node.accessModel(), new PersonalEvent(name, PersonalEvent.Kind.PURGE, null, null)));
    }

    /** Removes the node and its items; whoever may read it is told. */
    public void delete(String owner, String name) {
        PersonalNode node = owned(owner, name);
        em.createQuery("DELETE FROM PersonalItem i WHERE i.nodeId = :node").setParameter("node", node.id()).executeUpdate();
        em.remove(node);
        published.fire(new PersonalEventPublished(owner, node.accessModel(), new PersonalEvent(name, PersonalEvent.Kind.DELETE, null, null)));
    }

    /** The owner's node of that name. */
    public PersonalNode owned(String owner, String name) {
        return find(owner, name).orElseThrow(() -> new ProfileRefusal(Reason.NO_NODE, "no node " + name));
    }

    /**
     * Whether {@code requester} may read a node (and be told of its items).
     *
     * @throws ProfileRefusal NOT_AUTHORIZED (presence access) or CLOSED (whitelist) when not
     */
    public void checkReadable(PersonalNode node, Requester requester) {
        if (!readable(node.owner(), node.accessModel(), requester)) {
            throw node.accessModel() == AccessModel.WHITELIST
                    ? new ProfileRefusal(Reason.CLOSED, "the node " + node.name() + " is for its owner only")
                    : new ProfileRefusal(Reason.NOT_AUTHORIZED, "only those " + node.owner() + " lets see their presence read " + node.name());
        }
    }

    /** Whether {@code requester} may read a node of that access model of {@code owner}'s. */
    public boolean readable(String owner, AccessModel access, Requester requester) {
        if (requester.is(owner)) {
            return true;
        }
        return switch (access) {
            case OPEN -> true;
            case PRESENCE -> authorization.letsSee(owner, requester.address());
            case WHITELIST -> false;
        };
    }

    static NodeConfig config(PersonalNode node) {
        return new NodeConfig(node.accessModel(), node.persistItems(), node.maxItems(), node.sendLast(), node.notifyRetract());
    }

    private NodeConfig configured(NodeConfig base, Map<String, List<String>> fields) {
        try {
            return base.with(fields == null ? Map.of() : fields, settings.itemsPerNode());
        } catch (NodeConfig.Unsatisfiable e) {
            throw new ProfileRefusal(Reason.INVALID_OPTIONS, e.getMessage());
        }
    }

    private static void apply(PersonalNode node, NodeConfig c) {
        node.configure(c.access(), c.persistItems(), c.maxItems(), c.sendLast(), c.notifyRetract());
    }

    /** Removes the node's oldest items beyond its maximum (and all when it keeps none). */
    public void trim(PersonalNode node) {
        int keep = node.persistItems() ? node.maxItems() : 0;
        List<PersonalItem> items = em.createNamedQuery(PersonalItem.OF_NODE, PersonalItem.class).setParameter("node", node.id())
                .getResultList();
        for (int i = keep; i < items.size(); i++) {
            em.remove(items.get(i));
        }
    }
}
