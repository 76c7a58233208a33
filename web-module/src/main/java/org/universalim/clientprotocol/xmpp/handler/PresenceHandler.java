package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterService;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The presence stanzas of a client (RFC 6121 sections 3 and 4): its own available and unavailable presence
 * goes to the {@link PresenceBroadcast}, presence to another user to {@link DirectedPresence}; subscriptions
 * (subscribe, subscribed, unsubscribe, unsubscribed) go to the shared roster (R5); probes are answered here.
 */
@ApplicationScoped
public class PresenceHandler {

    @EJB
    PresenceDirectory directory;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    RosterService roster;

    @EJB
    ContactAddresses addresses;

    @Inject
    PresenceBroadcast broadcast;

    @Inject
    DirectedPresence directed;

    @Inject
    Logger log;

    public void handle(XmppSession conn, XmlElement p) {
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
                broadcast.broadcast(conn, p, type == null);
            } else {
                directed.sent(conn, target, type == null);
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
        // the contact's server may change the same roster item at the same moment (e.g. a remote server's
        // "subscribed" racing with our user's approval of its "subscribe"): tried again on such a conflict
        for (int attempt = 1; ; attempt++) {
            try {
                switch (type) {
                    case "subscribe" -> roster.subscribe(user, contact, p.childText("status", p.namespace()));
                    case "subscribed" -> roster.approve(user, contact);
                    case "unsubscribed" -> roster.deny(user, contact);
                    case "unsubscribe" -> roster.unsubscribe(user, contact);
                    case "probe" -> probe(conn, target);
                    default -> Replies.error(conn, p, StanzaError.badRequest("no presence type '" + type + "'"));
                }
                return;
            } catch (NotFoundException e) {
                // nothing to answer or cancel (RFC 6121: such presence is ignored)
                log.fine(() -> "presence " + type + " from " + user + " to " + contact + " ignored: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt < 3 && concurrentChange(e)) {
                    continue;
                }
                Replies.error(conn, p, Replies.failure(e));
                return;
            }
        }
    }

    /** Whether a failure is an optimistic-lock conflict with another transaction (worth another try). */
    static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** A probe (RFC 6121 4.3): the contact's presence if the user may see it, else {@code unsubscribed}. */
    private void probe(XmppSession conn, Jid target) {
        UserId contact = target.userId();
        Optional<Subscriber> local = addresses.localUser(contact);
        if (local.isPresent() && authorization.mayWatch(conn.userName(), contact)) {
            conn.presence().forget(contact.toString());
            conn.presence().show(directory.presence(local.get().userName()));
        } else if (local.isPresent()) {
            conn.send(Xml.element("presence", Namespaces.CLIENT).attr("from", addresses.display(addresses.key(contact)))
                    .attr("to", conn.jid()).attr("type", "unsubscribed").toString());
        }
    }
}
