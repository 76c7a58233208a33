package org.universalim.clientprotocol.xmpp;

import org.universalim.presence.boundary.UserPresence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The presence side of one bound resource (RFC 6121 section 4): whether it has sent its initial presence
 * (until then it is shown nobody's presence), its {@code <priority/>}, the users it sent directed presence
 * to, and what it has been shown of its contacts' devices (and its user's other devices), so that only
 * changes are sent.
 */
public final class ResourcePresence {

    private final XmppConnection conn;
    private volatile boolean available;
    private volatile int priority;
    /**
     * Contacts' resources whose presence this client was shown: full JID -> what was shown (an available presence,
     * or an unavailable one with a reason); a resource shown plainly unavailable, or never shown, is not here.
     */
    private final Map<String, String> shown = new HashMap<>();
    /** Presence pushes waiting for the initial presence's snapshot; null when they go at once. */
    private List<UserPresence> held;
    private static final int MAX_HELD = 10_000;
    /** Local users this one sent directed presence to. */
    private final Set<String> directedTo = ConcurrentHashMap.newKeySet();
    /** What the resource announced in its presence beyond its state (capabilities, photo hash). */
    private final Announced announced = new Announced();

    ResourcePresence(XmppConnection conn) {
        this.conn = conn;
    }

    /** Whether the resource has sent its initial presence and not gone unavailable since. */
    public boolean isAvailable() {
        return available;
    }

    public void available(boolean now) {
        this.available = now;
        if (!now) {
            announced.clear();
            synchronized (this) {
                shown.clear();
            }
        }
    }

    public Announced announced() {
        return announced;
    }

    public int priority() {
        return priority;
    }

    public void priority(int p) {
        this.priority = p;
    }

    public Set<String> directedTo() {
        return directedTo;
    }

    /**
     * A contact's (or the user's own) presence: one stanza per resource whose state changed since this
     * client was last told, unavailable for resources that went offline (with the reason when there is one: their
     * ISP cannot be reached).
     */
    public synchronized void show(UserPresence p) {
        Jid jid = conn.jid();
        if (!available || jid == null) {
            return;
        }
        Jid contact;
        try {
            contact = Jid.parse(p.address());
        } catch (IllegalArgumentException e) {
            return;
        }
        DeliveryEncoder encoder = conn.encoder();
        boolean self = contact.bare().equals(jid.bare());
        String prefix = contact.bare() + "/";
        Set<String> listed = new HashSet<>();
        int count = p.devices().size();
        for (int i = 0; i < count; i++) {
            UserPresence.DevicePresence d = p.devices().get(i);
            String full = prefix + d.name();
            listed.add(full);
            if (self && d.name().equals(conn.device())) {
                continue;
            }
            if (d.state().isOnline()) {
                String text = encoder.availablePresence(full, d, PresenceMapping.priorityForRank(i, count), jid);
                if (!text.equals(shown.put(full, text))) {
                    conn.send(text);
                }
            } else {
                // a reason (their ISP cannot be reached) is shown as the unavailable presence's status, also to a
                // resource shown the device unavailable already (or not at all: one logging on during the outage),
                // and it is remembered so that the same reason is not sent twice and its end is (plain unavailable)
                String status = p.reason() == null ? null : d.statusText();
                String text = encoder.unavailablePresence(full, jid, status);
                String before = status == null ? shown.remove(full) : shown.put(full, text);
                if (before == null ? status != null : !before.equals(text)) {
                    conn.send(text);
                }
            }
        }
        for (Iterator<String> it = shown.keySet().iterator(); it.hasNext(); ) {
            String full = it.next();
            if (full.startsWith(prefix) && !listed.contains(full)) {
                it.remove();
                conn.send(encoder.unavailablePresence(full, jid));
            }
        }
    }

    /**
     * A presence pushed to this resource (a contact's change): shown at once, or, between {@link #hold()} and
     * {@link #release()}, after the initial presence's snapshot.
     */
    public synchronized void pushed(UserPresence p) {
        if (held == null) {
            show(p);
        } else if (held.size() < MAX_HELD) {
            held.add(p);
        }
    }

    /**
     * Presence pushes wait until {@link #release()}: the initial presence's snapshot (read after this) goes out
     * first, and whatever changed meanwhile after it, so the last state is the one shown.
     */
    public synchronized void hold() {
        held = new ArrayList<>();
    }

    public synchronized void release() {
        List<UserPresence> waiting = held;
        held = null;
        if (waiting != null) {
            waiting.forEach(this::show);
        }
    }

    /** The contact's resources are no longer visible: unavailable for each shown. */
    public synchronized void forget(String contactAddress) {
        String prefix;
        try {
            prefix = Jid.parse(contactAddress).bare() + "/";
        } catch (IllegalArgumentException e) {
            return;
        }
        for (Iterator<String> it = shown.keySet().iterator(); it.hasNext(); ) {
            String full = it.next();
            if (full.startsWith(prefix)) {
                it.remove();
                if (available) {
                    conn.send(conn.encoder().unavailablePresence(full, conn.jid()));
                }
            }
        }
    }
}
