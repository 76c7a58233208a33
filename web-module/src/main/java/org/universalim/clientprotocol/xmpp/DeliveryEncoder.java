package org.universalim.clientprotocol.xmpp;

import org.universalim.presence.boundary.UserPresence;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.ReceiptStatus;
import org.universalim.routing.control.UniversalMessageFormat;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Turns what the routing core delivers ({@link Delivery}) into XMPP stanzas for one bound resource: messages
 * in the universal format (R9) with XEP-0203 delay when they come from offline storage, contacts' presence
 * one stanza per device (R3) with our {@code <device/>} element, roster pushes (RFC 6121 2.1.6),
 * subscription requests and answers, and fired availability alerts (R7) as headline messages. Receipts are
 * not shown to XMPP clients. Pure: which deliveries are sent when is {@link XmppConnection}'s and
 * {@link ResourcePresence}'s business.
 */
public final class DeliveryEncoder {

    private final String domain;
    private final UnaryOperator<String> senderJid;
    private final UnaryOperator<String> announcedBy;

    /**
     * @param domain    the server's XMPP domain (the sender of delays and alerts)
     * @param senderJid the full JID to show as the sender of a message from a bare address
     */
    public DeliveryEncoder(String domain, UnaryOperator<String> senderJid) {
        this(domain, senderJid, jid -> "");
    }

    /**
     * @param announcedBy what a resource (full JID) announced with its presence, as XML to show with it
     *                    ({@link Announced#elements()}; "" for nothing)
     */
    public DeliveryEncoder(String domain, UnaryOperator<String> senderJid, UnaryOperator<String> announcedBy) {
        this.domain = domain;
        this.senderJid = senderJid;
        this.announcedBy = announcedBy;
    }

    /**
     * A message in the universal format, from the sender's full JID (RFC 6120 8.1.2.1: stanzas carry full JIDs), with
     * the id it has in the recipient's archive (XEP-0359 {@code <stanza-id/>}, by the recipient's bare JID).
     */
    public String message(Delivery.Message m, Jid to) {
        // the sender's device when the message recorded it (of this ISP or another), else the one SenderJids picks; the
        // client's own id of the message, so that corrections, replies and reactions referring to it work (XEP-0359)
        String from = sentFrom(m.from(), m.fromDevice());
        String xml = UniversalMessageFormat.message(from, to.toString(), m.stanzaId() != null ? m.stanzaId() : m.messageId(),
                m.application(), m.securityLevel(), m.body(), m.extensions());
        String extra = stanzaId(to.bare().toString(), m.messageId());
        if (m.offline()) {
            // XEP-0160 offline storage, XEP-0203 delayed delivery
            extra += Xml.element("delay", Namespaces.DELAY).attr("from", domain).attr("stamp", m.sentAt())
                    .text("Offline storage").toString();
        }
        return beforeEnd(xml, extra);
    }

    private String sentFrom(String sender, String device) {
        return sentFrom(sender, device, senderJid);
    }

    /**
     * The sender of a message as a full JID with the device it was sent from, when the message recorded one that is a
     * valid resource; else {@code otherwise} of the sender's address.
     */
    public static String sentFrom(String sender, String device, UnaryOperator<String> otherwise) {
        if (device != null) {
            try {
                return Jid.parse(sender).bare().withResource(device).toString();
            } catch (IllegalArgumentException notAResource) {
                // shown as otherwise would
            }
        }
        return otherwise.apply(sender);
    }

    /**
     * A copy of a message the user sent or received on another device (XEP-0280 section 7 and 8): from the user's
     * bare JID, the message forwarded (XEP-0297) inside {@code <sent/>} or {@code <received/>} as its sender's client
     * wrote it (its own id, its extension elements with the origin-id: XEP-0359), with its archive id.
     */
    public String copy(Delivery.Copy c, Jid to) {
        boolean sent = Delivery.Copy.SENT.equals(c.direction());
        String own = to.bare().withResource(c.device()).toString();
        String from = sent ? own : sentFrom(c.from(), c.fromDevice());
        String inner = withStanzaId(UniversalMessageFormat.message(from, sent ? c.to() : own,
                c.stanzaId() != null ? c.stanzaId() : c.messageId(), c.application(), c.securityLevel(), c.body(), c.extensions()),
                to.bare().toString(), c.messageId());
        return Xml.element("message", Namespaces.CLIENT).attr("from", to.bare()).attr("to", to).attr("type", "chat")
                .child(Xml.element(sent ? "sent" : "received", Namespaces.CARBONS)
                        .child(Xml.element("forwarded", Namespaces.FORWARD).raw(inner)))
                .toString();
    }

    /** XEP-0359: the id a message has in the archive of {@code by} (the message id). */
    public static String stanzaId(String by, String id) {
        return Xml.element("stanza-id", Namespaces.STANZA_ID).attr("by", by).attr("id", id).toString();
    }

    /** A message (XML) with XEP-0359's {@code <stanza-id/>}: its id in the archive of {@code by}. */
    public static String withStanzaId(String message, String by, String id) {
        return beforeEnd(message, stanzaId(by, id));
    }

    private static String beforeEnd(String message, String extra) {
        int end = message.lastIndexOf("</message>");
        return message.substring(0, end) + extra + message.substring(end);
    }

    /**
     * One device of a contact (or of the user) as an available presence.
     *
     * @param rankPriority the priority shown: the device's place in the delivery order ({@link PresenceMapping#priorityForRank})
     */
    public String availablePresence(String from, UserPresence.DevicePresence d, int rankPriority, Jid to) {
        Xml device = Xml.element("device", Namespaces.PRESENCE_EXT).attr("name", d.name()).attr("type", d.type())
                .attr("state", d.state()).attr("security-level", d.securityLevel())
                .attr("fixed-address", d.fixedAddress()).attr("endpoint", d.endpoint());
        d.applications().forEach(a -> device.childText("application", a));
        Xml presence = Xml.element("presence", Namespaces.CLIENT).attr("from", from).attr("to", to)
                .childText("show", PresenceMapping.showOf(d.state()))
                .childText("status", PresenceMapping.statusOf(d.state(), d.statusText()))
                .childText("priority", rankPriority)
                .child(device);
        String announced = announcedBy.apply(from);
        if (announced != null && !announced.isEmpty()) {
            presence.raw(announced); // XEP-0115 capabilities and the like, as the resource sent them (kept, not stripped)
        }
        return presence.toString();
    }

    /**
     * Something that happened on a personal event node (XEP-0163 section 4.3, XEP-0060 section 7.1.2 and 7.2.2): a
     * headline message from the node's owner with the event.
     */
    public String personalEvent(Delivery.PersonalEvent e, Jid to) {
        Xml event = Xml.element("event", "http://jabber.org/protocol/pubsub#event");
        switch (e.kind()) {
            case "retract" -> event.child(Xml.element("items").attr("node", e.node()).child(Xml.element("retract").attr("id", e.itemId())));
            case "purge" -> event.child(Xml.element("purge").attr("node", e.node()));
            case "delete" -> event.child(Xml.element("delete").attr("node", e.node()));
            default -> {
                Xml item = Xml.element("item").attr("id", e.itemId());
                if (e.payload() != null) {
                    item.raw(e.payload());
                }
                event.child(Xml.element("items").attr("node", e.node()).child(item));
            }
        }
        return Xml.element("message", Namespaces.CLIENT).attr("from", e.from()).attr("to", to).attr("type", "headline")
                .child(event).toString();
    }

    public String unavailablePresence(String from, Jid to) {
        return unavailablePresence(from, to, null);
    }

    /** Unavailable with a {@code <status/>} saying why (e.g. the contact's ISP cannot be reached); none when null. */
    public String unavailablePresence(String from, Jid to, String status) {
        return Xml.element("presence", Namespaces.CLIENT).attr("from", from).attr("to", to).attr("type", "unavailable")
                .childText("status", status).toString();
    }

    /** Someone asks to see the user's presence (RFC 6121 3.1.2), addressed to the user's bare JID. */
    public String subscriptionRequest(String from, String message, Jid to) {
        return Xml.element("presence", Namespaces.CLIENT).attr("from", from).attr("to", to.bare()).attr("type", "subscribe")
                .childText("status", message).toString();
    }

    /** A contact approved ({@code subscribed}) or refused ({@code unsubscribed}) the user's request. */
    public String subscriptionAnswer(String contact, boolean approved, Jid to) {
        return Xml.element("presence", Namespaces.CLIENT).attr("from", contact).attr("to", to.bare())
                .attr("type", approved ? "subscribed" : "unsubscribed").toString();
    }

    /** A block list push (XEP-0191): an address or domain blocked or unblocked. */
    public String blockPush(Delivery.BlockUpdate b, String pushId, Jid to) {
        return Xml.element("iq", Namespaces.CLIENT).attr("type", "set").attr("id", pushId).attr("to", to)
                .child(Xml.element(b.blocked() ? "block" : "unblock", Namespaces.BLOCKING).child(Xml.element("item").attr("jid", b.address())))
                .toString();
    }

    /** A roster push (RFC 6121 2.1.6). */
    public String rosterPush(RosterEntry entry, boolean removed, String pushId, Jid to) {
        return Xml.element("iq", Namespaces.CLIENT).attr("type", "set").attr("id", pushId)
                .attr("to", to).child(Xml.element("query", Namespaces.ROSTER).child(rosterItem(entry, removed))).toString();
    }

    /** A roster item (RFC 6121 section 2.1.2), with our flag for universal contacts (R5). */
    public static Xml rosterItem(RosterEntry entry, boolean removed) {
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

    /** Whether a receipt tells that a message to another domain failed: shown to an XMPP client as a bounce. */
    static boolean isBounce(Delivery.Receipt r, Jid to) {
        return ReceiptStatus.FAILED.equals(r.status()) && r.recipient() != null && !r.recipient().endsWith("@" + to.domain());
    }

    /**
     * A message to another server that failed, as the stanza error of RFC 6120 8.3.3: {@code remote-server-not-found}
     * (no server, refused), {@code remote-server-timeout} (not reached before the deadline), {@code service-unavailable}
     * (the other server refused it, e.g. no such user).
     */
    public String bounce(Delivery.Receipt r, Jid to) {
        String reason = r.reason() == null ? "" : r.reason();
        String condition = reason.contains("remote-server-not-found") ? "remote-server-not-found"
                : reason.contains("before the deadline") || reason.contains("remote-server-timeout") ? "remote-server-timeout"
                : "service-unavailable";
        return Xml.element("message", Namespaces.CLIENT).attr("from", r.recipient()).attr("to", to).attr("type", "error")
                .attr("id", r.stanzaId() != null ? r.stanzaId() : r.messageId())
                .child(Xml.element("error").attr("type", "cancel")
                        .child(Xml.element(condition, Namespaces.STANZA_ERRORS)))
                .toString();
    }

    /**
     * The error for a message the user sent from another resource ({@link #bounce}, addressed to that resource), as a
     * carbon (XEP-0280 section 6: an error answering an eligible message is copied, as received).
     */
    public String bounceCopy(Delivery.Receipt r, Jid to) {
        String inner = bounce(r, to.bare().withResource(r.fromDevice()));
        return Xml.element("message", Namespaces.CLIENT).attr("from", to.bare()).attr("to", to)
                .child(Xml.element("received", Namespaces.CARBONS).child(Xml.element("forwarded", Namespaces.FORWARD).raw(inner)))
                .toString();
    }

    /** A fired availability alert (R7): a headline message from the server. */
    public String alert(Delivery.AlertFired a, Jid to) {
        String body = a.contact() + " is available now" + (a.device() == null ? "" : " (on " + a.device() + ")");
        return Xml.element("message", Namespaces.CLIENT).attr("from", domain).attr("to", to).attr("type", "headline")
                .attr("id", "alert-" + a.alertId()).childText("subject", "Availability alert").childText("body", body)
                .child(Xml.element("alert", Namespaces.ALERTS).attr("id", a.alertId()).attr("jid", a.contact())
                        .attr("device", a.device()).attr("at", a.at()))
                .toString();
    }
}
