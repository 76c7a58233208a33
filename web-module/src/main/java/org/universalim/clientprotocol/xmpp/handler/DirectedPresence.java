package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.Delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Directed presence (RFC 6121 section 4.6) to users of this ISP: they are sent the user's current presence,
 * and again when the resource goes unavailable or its stream ends. Users of other ISPs see presence only
 * through subscriptions.
 */
@ApplicationScoped
public class DirectedPresence {

    @EJB
    PresenceDirectory directory;

    @EJB
    ContactAddresses addresses;

    @Inject
    ClientNotifier notifier;

    /** Available or unavailable presence addressed to {@code target}. */
    void sent(XmppSession conn, Jid target, boolean available) {
        Optional<Subscriber> local = target.isDomain() ? Optional.empty() : addresses.localUser(target.userId());
        if (local.isEmpty()) {
            return; // other ISPs: presence crosses only through subscriptions
        }
        String other = local.get().userName();
        if (available) {
            conn.presence().directedTo().add(other);
        } else {
            conn.presence().directedTo().remove(other);
        }
        notifier.push(other, new Delivery.Presence(directory.presence(conn.userName())));
    }

    /** The resource went unavailable or its stream ended: those it sent directed presence to see its presence now. */
    public void ended(XmppSession conn) {
        List<String> targets = new ArrayList<>(conn.presence().directedTo());
        conn.presence().directedTo().clear();
        if (targets.isEmpty()) {
            return;
        }
        Delivery.Presence now = new Delivery.Presence(directory.presence(conn.userName()));
        targets.forEach(t -> notifier.push(t, now));
    }
}
