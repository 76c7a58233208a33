package org.universalim.clientprotocol.xmpp;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.universalim.clientprotocol.websocket.OutboundQueue;
import org.universalim.clientprotocol.websocket.RateLimiter;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;
import org.universalim.routing.control.UniversalMessageFormat;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One XMPP-over-WebSocket connection (RFC 7395): its stream state and, once a resource is bound, the
 * device session it is (R3: a resource is a device). Deliveries of the routing core become stanzas here.
 *
 * <p>Acknowledgement: XMPP clients do not acknowledge messages (no stream management), so a message
 * counts as delivered when its frame has been written to the connection; a connection that drops before
 * then fails over to the user's next device (R4).
 */
final class XmppConnection implements ClientSession {

    private static final Logger LOG = Logger.getLogger(XmppConnection.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the stream is. */
    enum Stage { AWAITING_OPEN, AUTHENTICATING, AWAITING_RESTART, AUTHENTICATED, BOUND }

    private final String id = "xmpp-" + UUID.randomUUID();
    private final Session socket;
    private final OutboundQueue outbound;
    private final RateLimiter rate;
    private final String domain;
    private final Consumer<String> written;
    private final UnaryOperator<String> senderJid;
    private final AtomicLong pushIds = new AtomicLong();

    private volatile Stage stage = Stage.AWAITING_OPEN;
    private volatile boolean opened;
    private volatile String streamId;
    private volatile String userName;
    private volatile String device;
    private volatile Jid jid;
    private volatile boolean available;
    private volatile int priority;
    private volatile boolean closing;
    private SaslNegotiation sasl;
    private int authFailures;
    /** Contacts' resources whose presence this client was shown: full JID -> what was shown. */
    private final Map<String, String> shown = new HashMap<>();
    /** Presence pushes waiting for the initial presence's snapshot; null when they go at once. */
    private List<UserPresence> held;
    private static final int MAX_HELD = 10_000;
    /** Local users this one sent directed presence to. */
    private final Set<String> directedTo = ConcurrentHashMap.newKeySet();

    /**
     * @param written   told the id of each message once its frame is written (the acknowledgement)
     * @param senderJid the full JID to show as the sender of a message from a bare address
     */
    XmppConnection(Session socket, String domain, int outboundMax, RateLimiter rate, Consumer<String> written,
                   UnaryOperator<String> senderJid) {
        this.socket = socket;
        this.domain = domain;
        this.rate = rate;
        this.written = written;
        this.senderJid = senderJid;
        this.outbound = new OutboundQueue(socket.getAsyncRemote(), outboundMax, failure -> abort("write failed"));
    }

    // --- stream state

    Stage stage() {
        return stage;
    }

    void stage(Stage next) {
        this.stage = next;
    }

    /** A new stream header: a fresh id. */
    String newStreamId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        streamId = HexFormat.of().formatHex(bytes);
        opened = true;
        return streamId;
    }

    boolean isOpened() {
        return opened;
    }

    SaslNegotiation sasl() {
        return sasl;
    }

    void sasl(SaslNegotiation negotiation) {
        this.sasl = negotiation;
    }

    int authFailed() {
        return ++authFailures;
    }

    /** Where the client connects from (recorded at the WebSocket handshake). */
    ClientOrigin origin() {
        return socket.getUserProperties().get(ClientOrigin.PROPERTY) instanceof ClientOrigin o ? o : ClientOrigin.UNKNOWN;
    }

    void authenticated(String user) {
        this.userName = user;
        this.sasl = null;
        this.stage = Stage.AWAITING_RESTART;
    }

    void bound(String resource, UserId address) {
        this.device = resource;
        this.jid = Jid.of(address, resource);
        this.stage = Stage.BOUND;
    }

    Jid jid() {
        return jid;
    }

    boolean isAvailable() {
        return available;
    }

    void available(boolean now) {
        this.available = now;
        if (!now) {
            synchronized (this) {
                shown.clear();
            }
        }
    }

    int priority() {
        return priority;
    }

    void priority(int p) {
        this.priority = p;
    }

    Set<String> directedTo() {
        return directedTo;
    }

    boolean allowFrame() {
        return rate.tryAcquire(System.nanoTime());
    }

    // --- ClientSession

    @Override
    public String id() {
        return id;
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public Protocol protocol() {
        return Protocol.XMPP;
    }

    @Override
    public boolean acknowledgesMessages() {
        // acknowledged by the connection itself once the frame is written (see the class comment)
        return true;
    }

    @Override
    public boolean deliver(Delivery delivery) {
        if (closing || jid == null) {
            return false;
        }
        if (delivery instanceof Delivery.Message m) {
            return outbound.offer(message(m), () -> written.accept(m.messageId()));
        } else if (delivery instanceof Delivery.Presence p) {
            pushedPresence(p.presence());
            return true;
        } else if (delivery instanceof Delivery.RosterUpdate r) {
            return send(rosterPush(r.entry(), r.removed()));
        } else if (delivery instanceof Delivery.SubscriptionRequest s) {
            if (!available) {
                return true; // offered again with the pending requests at the next initial presence
            }
            return send(subscriptionRequest(s.from(), s.message()));
        } else if (delivery instanceof Delivery.SubscriptionAnswer a) {
            if (!a.approved()) {
                forget(a.contact());
            }
            return send(Xml.element("presence", Namespaces.CLIENT).attr("from", a.contact()).attr("to", jid.bare())
                    .attr("type", a.approved() ? "subscribed" : "unsubscribed").toString());
        } else if (delivery instanceof Delivery.AlertFired a) {
            return send(alert(a));
        }
        // receipts: XMPP clients are not told (no XEP-0184 request recorded); delivery is the server's business
        return true;
    }

    @Override
    public void close(String reason) {
        // a newer log-in of the same resource replaced this one (RFC 6120 section 4.9.3.3)
        closeStream(new XmppStreamException(XmppStreamException.Condition.CONFLICT, reason));
    }

    // --- encoding deliveries

    private String message(Delivery.Message m) {
        // the universal format, from the sender's full JID to this resource (RFC 6120 8.1.2.1: stanzas carry full JIDs)
        String xml = UniversalMessageFormat.message(senderJid.apply(m.from()), jid.toString(), m.messageId(), m.application(),
                m.securityLevel(), m.body());
        if (m.offline()) {
            // XEP-0160 offline storage, XEP-0203 delayed delivery
            String delay = Xml.element("delay", Namespaces.DELAY).attr("from", domain).attr("stamp", m.sentAt())
                    .text("Offline storage").toString();
            int end = xml.lastIndexOf("</message>");
            xml = xml.substring(0, end) + delay + xml.substring(end);
        }
        return xml;
    }

    /**
     * A contact's (or the user's own) presence: one stanza per resource whose state changed since this
     * client was last told, unavailable for resources that went offline.
     */
    synchronized void presence(UserPresence p) {
        if (!available || jid == null) {
            return;
        }
        Jid contact;
        try {
            contact = Jid.parse(p.address());
        } catch (IllegalArgumentException e) {
            return;
        }
        boolean self = contact.bare().equals(jid.bare());
        String prefix = contact.bare() + "/";
        Set<String> listed = new HashSet<>();
        int count = p.devices().size();
        for (int i = 0; i < count; i++) {
            UserPresence.DevicePresence d = p.devices().get(i);
            String full = prefix + d.name();
            listed.add(full);
            if (self && d.name().equals(device)) {
                continue;
            }
            if (d.state().isOnline()) {
                Xml stanza = availablePresence(full, d, PresenceMapping.priorityForRank(i, count));
                String text = stanza.toString();
                if (!text.equals(shown.put(full, text))) {
                    send(text);
                }
            } else if (shown.remove(full) != null) {
                // a reason (their ISP cannot be reached) is shown as the unavailable presence's status
                send(p.reason() == null ? unavailable(full) : unavailable(full, d.statusText()));
            }
        }
        for (Iterator<String> it = shown.keySet().iterator(); it.hasNext(); ) {
            String full = it.next();
            if (full.startsWith(prefix) && !listed.contains(full)) {
                it.remove();
                send(unavailable(full));
            }
        }
    }

    /**
     * Presence pushes wait until {@link #releasePresence()}: the initial presence's snapshot (read after this)
     * goes out first, and whatever changed meanwhile after it, so the last state is the one shown.
     */
    synchronized void holdPresence() {
        held = new ArrayList<>();
    }

    synchronized void releasePresence() {
        List<UserPresence> waiting = held;
        held = null;
        if (waiting != null) {
            waiting.forEach(this::presence);
        }
    }

    private synchronized void pushedPresence(UserPresence p) {
        if (held != null && held.size() < MAX_HELD) {
            held.add(p);
        } else if (held == null) {
            presence(p);
        }
    }

    /** The contact's resources are no longer visible: unavailable for each shown. */
    synchronized void forget(String contactAddress) {
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
                    send(unavailable(full));
                }
            }
        }
    }

    private Xml availablePresence(String from, UserPresence.DevicePresence d, int rankPriority) {
        Xml device = Xml.element("device", Namespaces.PRESENCE_EXT).attr("name", d.name()).attr("type", d.type())
                .attr("state", d.state()).attr("security-level", d.securityLevel())
                .attr("fixed-address", d.fixedAddress()).attr("endpoint", d.endpoint());
        d.applications().forEach(a -> device.childText("application", a));
        return Xml.element("presence", Namespaces.CLIENT).attr("from", from).attr("to", jid)
                .childText("show", PresenceMapping.showOf(d.state()))
                .childText("status", PresenceMapping.statusOf(d.state(), d.statusText()))
                .childText("priority", rankPriority)
                .child(device);
    }

    private String unavailable(String from) {
        return Xml.element("presence", Namespaces.CLIENT).attr("from", from).attr("to", jid).attr("type", "unavailable").toString();
    }

    private String unavailable(String from, String status) {
        return Xml.element("presence", Namespaces.CLIENT).attr("from", from).attr("to", jid).attr("type", "unavailable")
                .childText("status", status).toString();
    }

    String subscriptionRequest(String from, String message) {
        return Xml.element("presence", Namespaces.CLIENT).attr("from", from).attr("to", jid.bare()).attr("type", "subscribe")
                .childText("status", message).toString();
    }

    private String rosterPush(RosterEntry entry, boolean removed) {
        return Xml.element("iq", Namespaces.CLIENT).attr("type", "set").attr("id", "push-" + pushIds.incrementAndGet())
                .attr("to", jid).child(Xml.element("query", Namespaces.ROSTER).child(rosterItem(entry, removed))).toString();
    }

    /** A roster item (RFC 6121 section 2.1.2), with our flag for universal contacts (R5). */
    static Xml rosterItem(RosterEntry entry, boolean removed) {
        Xml item = Xml.element("item").attr("jid", entry.contact()).attr("name", entry.name())
                .attr("subscription", removed ? "remove" : entry.subscription().name().toLowerCase(Locale.ROOT));
        if (!removed && entry.asking()) {
            item.attr("ask", "subscribe");
        }
        if (!removed) {
            entry.groups().forEach(g -> item.childText("group", g));
            item.child(Xml.element("contact", Namespaces.ROSTER_EXT).attr("universal", entry.universal())
                    .attr("same-isp", entry.sameIsp()));
        }
        return item;
    }

    private String alert(Delivery.AlertFired a) {
        String body = a.contact() + " is available now" + (a.device() == null ? "" : " (on " + a.device() + ")");
        return Xml.element("message", Namespaces.CLIENT).attr("from", domain).attr("to", jid).attr("type", "headline")
                .attr("id", "alert-" + a.alertId()).childText("subject", "Availability alert").childText("body", body)
                .child(Xml.element("alert", Namespaces.ALERTS).attr("id", a.alertId()).attr("jid", a.contact())
                        .attr("device", a.device()).attr("at", a.at()))
                .toString();
    }

    // --- sending and closing

    /** Sends a frame; a full queue means the client stopped reading, and ends the stream. */
    boolean send(String frame) {
        if (closing) {
            return false;
        }
        if (!outbound.offer(frame)) {
            abort("the client does not read its stanzas");
            return false;
        }
        return true;
    }

    /** Ends the stream with a stream error, then the WebSocket (RFC 7395 section 3.6). */
    void closeStream(XmppStreamException error) {
        if (closing) {
            return;
        }
        if (!opened) {
            // RFC 6120 4.9.1.1: the stream is opened before it is failed
            send(Xml.element("open", Namespaces.FRAMING).attr("from", domain).attr("id", newStreamId())
                    .attr("version", "1.0").attr("xml:lang", "en").toString());
        }
        Xml streamError = Xml.element("stream:error").attr("xmlns:stream", Namespaces.STREAM)
                .child(Xml.element(error.condition().element(), Namespaces.STREAM_ERRORS));
        if (error.getMessage() != null) {
            streamError.child(Xml.element("text", Namespaces.STREAM_ERRORS).attr("xml:lang", "en").text(error.getMessage()));
        }
        send(streamError.toString());
        closeGracefully(CloseReason.CloseCodes.NORMAL_CLOSURE, error.condition().element());
    }

    /** Sends {@code <close/>} and closes the WebSocket once it is written. */
    void closeGracefully(CloseReason.CloseCode code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        boolean queued = outbound.offer(Xml.element("close", Namespaces.FRAMING).toString(), () -> closeSocket(code, reason));
        if (!queued) {
            closeSocket(code, reason);
        }
    }

    /** Closes at once, telling nothing (the connection is broken or refused). */
    void abort(String reason) {
        closing = true;
        outbound.close();
        closeSocket(CloseReason.CloseCodes.GOING_AWAY, reason);
    }

    void closeSocket(CloseReason.CloseCode code, String reason) {
        closing = true;
        outbound.close();
        try {
            if (socket.isOpen()) {
                socket.close(new CloseReason(code, reason == null ? "" : reason.length() > 100 ? reason.substring(0, 100) : reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "close of " + id + " failed", e);
        }
    }

    boolean isClosing() {
        return closing;
    }
}
