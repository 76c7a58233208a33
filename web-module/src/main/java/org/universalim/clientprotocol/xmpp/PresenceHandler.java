package org.universalim.clientprotocol.xmpp;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesUpdate;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PendingRequest;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.boundary.RosterService;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SessionLifecycle;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Presence stanzas of an XMPP client (RFC 6121 sections 3 and 4): subscriptions through the shared roster,
 * available and unavailable presence as the device's state (R3, R6), {@code <priority/>} as the delivery
 * order (R4), directed presence and probes. See {@link PresenceMapping} for the mapping.
 */
@ApplicationScoped
public class PresenceHandler {

    @EJB
    SessionLifecycle lifecycle;

    @EJB
    PresenceRules rules;

    @EJB
    PresenceDirectory directory;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    RosterService roster;

    @EJB
    ContactAddresses addresses;

    @Inject
    MessageService messages;

    @Inject
    SessionRegistry sessions;

    @Inject
    ClientNotifier notifier;

    @Inject
    Logger log;

    void presence(XmppConnection conn, XmlElement p) {
        String type = p.attribute("type");
        String to = p.attribute("to");
        Jid target = null;
        if (to != null) {
            try {
                target = Jid.parse(to);
            } catch (IllegalArgumentException e) {
                Replies.error(conn, p, new StanzaError("modify", "jid-malformed", e.getMessage()));
                return;
            }
        }
        if (type == null || type.equals("unavailable")) {
            if (target == null || target.bare().equals(conn.jid().bare())) {
                broadcast(conn, p, type == null);
            } else {
                directed(conn, target, type == null);
            }
            return;
        }
        if (type.equals("error")) {
            return;
        }
        if (target == null || target.isDomain()) {
            Replies.error(conn, p, StanzaError.badRequest("a presence of type " + type + " is addressed to a user"));
            return;
        }
        String contact = target.bare().toString();
        String user = conn.userName();
        try {
            switch (type) {
                case "subscribe" -> roster.subscribe(user, contact, p.childText("status", p.namespace()));
                case "subscribed" -> roster.approve(user, contact);
                case "unsubscribed" -> roster.deny(user, contact);
                case "unsubscribe" -> roster.unsubscribe(user, contact);
                case "probe" -> probe(conn, target);
                default -> Replies.error(conn, p, StanzaError.badRequest("no presence type '" + type + "'"));
            }
        } catch (NotFoundException e) {
            // nothing to answer or cancel (RFC 6121: such presence is ignored)
            log.fine(() -> "presence " + type + " from " + user + " to " + contact + " ignored: " + e.getMessage());
        } catch (RuntimeException e) {
            Replies.error(conn, p, Replies.failure(e));
        }
    }

    /** Available or unavailable presence for everyone who may see it: the device's state (R3, R6). */
    private void broadcast(XmppConnection conn, XmlElement p, boolean available) {
        String status = p.childText("status", p.namespace());
        if (status != null && status.length() > 200) {
            status = status.substring(0, 200);
        }
        if (!available) {
            if (conn.isAvailable()) {
                conn.available(false);
                lifecycle.setState(conn, DeviceState.OFFLINE, status);
                directedUnavailable(conn);
            }
            return;
        }
        DeviceState state;
        int priority;
        try {
            XmlElement ext = p.child("device", Namespaces.PRESENCE_EXT);
            state = PresenceMapping.stateOf(p.childText("show", p.namespace()), ext == null ? null : ext.attribute("state"));
            priority = PresenceMapping.priorityOf(p.childText("priority", p.namespace()));
        } catch (IllegalArgumentException e) {
            Replies.error(conn, p, StanzaError.badRequest(e.getMessage()));
            return;
        }
        boolean initial = !conn.isAvailable();
        int before = conn.priority();
        conn.priority(priority);
        if (initial) {
            lifecycle.opened(conn, DeviceType.PC, null, state);
            if (status != null) {
                lifecycle.setState(conn, state, status);
            }
            // pushes wait for the snapshot read after this (RFC 6121 4.4.2): the last state is shown last
            conn.holdPresence();
            try {
                conn.available(true);
                initialPresence(conn);
            } finally {
                conn.releasePresence();
            }
        } else {
            lifecycle.setState(conn, state, status);
        }
        if (initial || before != priority) {
            applyPriorities(conn.userName());
        }
        if (initial) {
            messages.deliverStored(conn);
        }
    }

    /** After the initial presence: the presence of the user's contacts and other devices, and pending requests. */
    private void initialPresence(XmppConnection conn) {
        String user = conn.userName();
        conn.presence(directory.presence(user));
        for (RosterEntry entry : roster.roster(user)) {
            if (entry.presence() != null) {
                conn.presence(entry.presence());
            }
        }
        for (PendingRequest request : roster.pendingRequests(user)) {
            conn.send(conn.subscriptionRequest(request.from(), request.message()));
        }
    }

    /** {@code <priority/>} orders the devices (R4): higher first, see {@link PresenceMapping}. */
    private void applyPriorities(String user) {
        Map<String, Integer> priorities = new HashMap<>();
        for (ClientSession s : sessions.sessionsOf(user)) {
            if (s instanceof XmppConnection x && x.isAvailable()) {
                priorities.put(x.device(), x.priority());
            }
        }
        RulesView current = rules.rules(user);
        List<String> order = PresenceMapping.orderByPriority(current.deviceOrder(), priorities);
        if (!order.equals(current.deviceOrder())) {
            try {
                rules.update(user, new RulesUpdate(order, current.ackTimeoutMillis()));
            } catch (InvalidRequestException e) {
                log.fine(() -> "delivery order of " + user + " not changed: " + e.getMessage());
            }
        }
    }

    private void directed(XmppConnection conn, Jid target, boolean available) {
        Optional<Subscriber> local = target.isDomain() ? Optional.empty() : addresses.localUser(target.userId());
        if (local.isEmpty()) {
            return; // other ISPs: presence crosses only through subscriptions
        }
        String other = local.get().userName();
        if (available) {
            conn.directedTo().add(other);
        } else {
            conn.directedTo().remove(other);
        }
        notifier.push(other, new Delivery.Presence(directory.presence(conn.userName())));
    }

    void directedUnavailable(XmppConnection conn) {
        List<String> targets = new ArrayList<>(conn.directedTo());
        conn.directedTo().clear();
        if (targets.isEmpty()) {
            return;
        }
        Delivery.Presence now = new Delivery.Presence(directory.presence(conn.userName()));
        targets.forEach(t -> notifier.push(t, now));
    }

    private void probe(XmppConnection conn, Jid target) {
        UserId contact = target.userId();
        Optional<Subscriber> local = addresses.localUser(contact);
        if (local.isPresent() && authorization.mayWatch(conn.userName(), contact)) {
            conn.forget(contact.toString());
            conn.presence(directory.presence(local.get().userName()));
        } else if (local.isPresent()) {
            conn.send(Xml.element("presence", Namespaces.CLIENT).attr("from", addresses.display(addresses.key(contact).toString()))
                    .attr("to", conn.jid()).attr("type", "unsubscribed").toString());
        }
    }
}
