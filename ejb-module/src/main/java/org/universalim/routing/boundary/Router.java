package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.DeliveryFacts;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.control.DeliveryPlanner;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.registration.boundary.KnownSubscribers;
import org.universalim.address.UserId;
import org.universalim.routing.control.Fig6;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * FIG. 6 for one recipient: gathers what the ISP knows (the recipient's extension, the subscriber, the
 * table of users to Local IM server nodes) and applies {@link Fig6}. A plain CDI bean, not a session
 * bean: on the path of every message, what it needs is mostly in memory ({@link KnownSubscribers},
 * {@link DeliveryFacts}, the session registry), and the beans it calls for the rest have their own
 * transactions.
 */
@ApplicationScoped
public class Router {

    @EJB
    SessionRoutes routes;

    @EJB
    PresenceRules rules;

    @Inject
    KnownSubscribers known;

    @Inject
    DeliveryFacts deliveryFacts;

    @Inject
    SessionRegistry sessions;

    @Inject
    IspSettings isp;

    /** The decision and, for a local recipient, the user name. */
    public record Routing(Fig6.Decision decision, String userName, boolean userUniversal) {

        public Fig6.Route route() {
            return decision.route();
        }
    }

    /** What sending one message needs to know; {@code plan} is null unless the recipient is a local user. */
    public record Prepared(KnownSubscribers.Facts sender, Routing routing, DeliveryPlan plan) {
    }

    /**
     * Everything sending a message from a local user needs, read in one transaction: the sender, FIG. 6
     * for the recipient and, for a local recipient, the presence logic rules' plan (R4). Empty when the
     * sender is not a subscriber.
     */
    public Optional<Prepared> prepare(String senderUser, UserId recipient, MessageRequirements needs) {
        Optional<KnownSubscribers.Facts> sender = facts(senderUser);
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        Routing routing = route(recipient);
        DeliveryPlan plan = switch (routing.route()) {
            case LOCAL_HERE, LOCAL_OTHER_NODE, LOCAL_NOT_CONNECTED -> plan(routing.userName(), needs);
            default -> null;
        };
        return Optional.of(new Prepared(sender.get(), routing, plan));
    }

    private DeliveryPlan plan(String userName, MessageRequirements needs) {
        String user = userName;
        DeliveryFacts.Facts f = deliveryFacts.get(user, () -> rules.facts(user));
        return DeliveryPlanner.plan(f.devices(), f.order(), needs, Set.of(), f.ackTimeoutMillis());
    }

    public Routing route(UserId recipient) {
        boolean local = isp.isLocal(recipient);
        Optional<KnownSubscribers.Facts> subscriber = local ? facts(recipient.localPart()) : Optional.empty();
        String user = subscriber.map(KnownSubscribers.Facts::userName).orElse(null);
        boolean universal = subscriber.map(KnownSubscribers.Facts::universal).orElse(false);
        Fig6.Facts facts = new Fig6.Facts(local, subscriber.isPresent(), recipient.isUniversal(isp.marker()),
                universal, user == null ? Set.of() : nodesOf(user), isp.nodeName());
        return new Routing(Fig6.decide(facts), user, universal);
    }

    /** A subscriber's name and universality, from memory when recently read. */
    private Optional<KnownSubscribers.Facts> facts(String userName) {
        return known.find(userName);
    }

    /** The nodes a local user is connected to: this one if connected here, else the node table. */
    public Set<String> nodesOf(String userName) {
        Set<String> nodes = new HashSet<>();
        if (sessions.isConnected(userName)) {
            nodes.add(isp.nodeName());
            return nodes;
        }
        return routes.nodesOf(userName);
    }
}
