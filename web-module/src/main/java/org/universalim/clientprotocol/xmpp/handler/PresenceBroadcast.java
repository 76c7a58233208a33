package org.universalim.clientprotocol.xmpp.handler;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.PresenceMapping;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.ResourcePresence;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesUpdate;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.roster.boundary.PendingRequest;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.boundary.SessionStart;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SessionLifecycle;
import org.universalim.routing.boundary.SessionRegistry;

import javax.xml.namespace.QName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A resource's own available and unavailable presence (RFC 6121 section 4.2 to 4.5), for everyone who may see
 * it: the device's state (R3, R6) through the shared {@link SessionLifecycle}. The initial presence logs the
 * device on and is answered with the presence of the user's contacts and other devices, the subscription
 * requests waiting, and the stored messages (XEP-0160); {@code <priority/>} orders the devices (R4, see
 * {@link PresenceMapping}). The {@link PresenceExtension}s read their elements.
 */
@ApplicationScoped
public class PresenceBroadcast {

    @EJB
    SessionLifecycle lifecycle;

    @EJB
    PresenceRules rules;

    @EJB
    SessionStart start;

    @Inject
    MessageService messages;

    @Inject
    SessionRegistry sessions;

    @Inject
    DirectedPresence directed;

    @Inject
    Instance<PresenceExtension> discovered;

    @Inject
    Logger log;

    private List<PresenceExtension> extensions = List.of();
    private List<QName> elements = List.of();

    @PostConstruct
    void collect() {
        extensions = discovered.stream().toList();
        elements = extensions.stream().map(PresenceExtension::element).toList();
    }

    /** Available or unavailable presence without a {@code to} (or to the user's own bare JID). */
    void broadcast(XmppSession conn, XmlElement p, boolean available) {
        String status = p.childText("status", p.namespace());
        if (status != null && status.length() > 200) {
            status = status.substring(0, 200);
        }
        ResourcePresence resource = conn.presence();
        if (!available) {
            if (resource.isAvailable()) {
                resource.available(false);
                lifecycle.setState(conn, DeviceState.OFFLINE, status);
                directed.ended(conn);
            }
            return;
        }
        DeviceState state;
        int priority;
        try {
            PresenceUpdate update = new PresenceUpdate();
            for (int i = 0; i < extensions.size(); i++) {
                XmlElement element = p.child(elements.get(i).getLocalPart(), elements.get(i).getNamespaceURI());
                if (element != null) {
                    extensions.get(i).read(element, update);
                }
            }
            state = PresenceMapping.stateOf(p.childText("show", p.namespace()), update.requestedState());
            priority = PresenceMapping.priorityOf(p.childText("priority", p.namespace()));
        } catch (IllegalArgumentException e) {
            Replies.error(conn, p, StanzaError.badRequest(e.getMessage()));
            return;
        }
        for (int i = 0; i < extensions.size(); i++) {
            extensions.get(i).announced(conn, p.child(elements.get(i).getLocalPart(), elements.get(i).getNamespaceURI()));
        }
        boolean initial = !resource.isAvailable();
        int before = resource.priority();
        resource.priority(priority);
        RulesView current = null;
        if (initial) {
            lifecycle.opened(conn, DeviceType.PC, null, state);
            if (status != null) {
                lifecycle.setState(conn, state, status);
            }
            // pushes wait for the snapshot read after this (RFC 6121 4.4.2): the last state is shown last
            resource.hold();
            try {
                resource.available(true);
                current = initialPresence(conn);
            } finally {
                resource.release();
            }
        } else {
            lifecycle.setState(conn, state, status);
        }
        if (initial || before != priority) {
            applyPriorities(conn.userName(), current != null ? current : rules.rules(conn.userName()));
        }
        if (initial) {
            // the bind was answered once no other node held a session of this device (ResourceBinding): what a node that
            // died held for the device is stored by now, and offered before anything given now (new messages wait for
            // that offer: the session is catching up)
            messages.deliverStored(conn)
                    .whenComplete((offered, failure) -> {
                        if (failure != null) {
                            log.log(java.util.logging.Level.WARNING, "stored messages not offered to " + conn.id(), failure);
                        }
                    });
        }
    }

    /**
     * After the initial presence: the presence of the user's contacts and other devices, and pending requests, read in
     * one transaction with the delivery rules it returns.
     */
    private RulesView initialPresence(XmppSession conn) {
        SessionStart.View view = start.of(conn.userName());
        conn.presence().show(view.own());
        for (RosterEntry entry : view.roster()) {
            if (entry.presence() != null) {
                conn.presence().show(entry.presence());
            }
        }
        for (PendingRequest request : view.pending()) {
            conn.send(conn.encoder().subscriptionRequest(request.from(), request.message(), conn.jid()));
        }
        return view.rules();
    }

    /** {@code <priority/>} orders the devices (R4): higher first, see {@link PresenceMapping}. */
    private void applyPriorities(String user, RulesView current) {
        Map<String, Integer> priorities = new HashMap<>();
        for (ClientSession s : sessions.sessionsOf(user)) {
            if (s instanceof XmppSession x && x.presence().isAvailable()) {
                priorities.put(x.device(), x.presence().priority());
            }
        }
        List<String> order = PresenceMapping.orderByPriority(current.deviceOrder(), priorities);
        if (!order.equals(current.deviceOrder())) {
            try {
                rules.update(user, new RulesUpdate(order, current.ackTimeoutMillis()));
            } catch (InvalidRequestException e) {
                log.fine(() -> "delivery order of " + user + " not changed: " + e.getMessage());
            }
        }
    }
}
