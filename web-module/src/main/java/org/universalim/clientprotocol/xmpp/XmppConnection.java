package org.universalim.clientprotocol.xmpp;

import org.universalim.clientprotocol.websocket.RateLimiter;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.address.UserId;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * One client's XMPP stream over some {@link XmppTransport}: where its negotiation is, and once a resource is
 * bound, the device session it is (R3: a resource is a device). Deliveries of the routing core become
 * stanzas here ({@link DeliveryEncoder}) and leave through the connection's {@link StanzaOutlet}. Knows
 * nothing of WebSocket or TCP.
 *
 * <p>Acknowledgement: XMPP clients do not acknowledge messages (no stream management), so a message
 * counts as delivered when its frame has been written to the connection; a connection that drops before
 * then fails over to the user's next device (R4).
 */
public final class XmppConnection implements XmppSession {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id = "xmpp-" + UUID.randomUUID();
    private final XmppTransport transport;
    private final StanzaOutlet outlet;
    private final RateLimiter rate;
    private final String domain;
    private final DeliveryEncoder encoder;
    private final BiConsumer<ClientSession, String> delivered;
    private final ResourcePresence presence = new ResourcePresence(this);
    private final AtomicLong pushIds = new AtomicLong();

    private volatile StreamStage stage = StreamStage.AWAITING_OPEN;
    private volatile boolean opened;
    private volatile String userName;
    private volatile String device;
    private volatile Jid jid;
    private SaslNegotiation sasl;
    private int authFailures;

    /**
     * @param delivered told each message id once the message counts as delivered to this device
     * @param senderJid the full JID to show as the sender of a message from a bare address
     */
    public XmppConnection(XmppTransport transport, String domain, RateLimiter rate, BiConsumer<ClientSession, String> delivered,
                          UnaryOperator<String> senderJid) {
        this(transport, domain, rate, delivered, senderJid, jid -> "");
    }

    /** @param announcedBy what another resource (full JID) announced with its presence ({@link DeliveryEncoder}) */
    public XmppConnection(XmppTransport transport, String domain, RateLimiter rate, BiConsumer<ClientSession, String> delivered,
                          UnaryOperator<String> senderJid, UnaryOperator<String> announcedBy) {
        this.transport = transport;
        this.outlet = new StanzaOutlet(transport);
        this.domain = domain;
        this.rate = rate;
        this.delivered = delivered;
        this.encoder = new DeliveryEncoder(domain, senderJid, announcedBy);
    }

    // --- the stream's negotiation

    @Override
    public StreamStage stage() {
        return stage;
    }

    public void stage(StreamStage next) {
        this.stage = next;
    }

    /** Writes the server's stream header with a fresh stream id. */
    public void openStream() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        opened = true;
        if (!transport.openStream(StreamHeader.server(domain, HexFormat.of().formatHex(bytes)))) {
            notReading();
        }
    }

    /** Whether the server has sent its stream header. */
    public boolean isOpened() {
        return opened;
    }

    /** The SASL exchange under way, or {@code null}. */
    public SaslNegotiation sasl() {
        return sasl;
    }

    public void sasl(SaslNegotiation negotiation) {
        this.sasl = negotiation;
    }

    /** Counts a failed SASL attempt; the count so far. */
    public int authFailed() {
        return ++authFailures;
    }

    /** SASL succeeded: the stream is to be restarted (RFC 6120 6.4.6). */
    public void authenticated(String user) {
        this.userName = user;
        this.sasl = null;
        this.stage = StreamStage.AWAITING_RESTART;
        transport.authenticated();
    }

    /** A resource is bound (RFC 6120 section 7): stanzas flow. */
    public void bound(String resource, UserId address) {
        this.device = resource;
        this.jid = Jid.of(address, resource);
        this.stage = StreamStage.BOUND;
    }

    /** Takes a token of the connection's rate for one element the client sent. */
    public boolean allowFrame() {
        return rate.tryAcquire(System.nanoTime());
    }

    public XmppTransport transport() {
        return transport;
    }

    // --- XmppSession

    @Override
    public Jid jid() {
        return jid;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public ClientOrigin origin() {
        return transport.origin();
    }

    @Override
    public ResourcePresence presence() {
        return presence;
    }

    @Override
    public DeliveryEncoder encoder() {
        return encoder;
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
        Jid to = jid;
        if (transport.isClosing() || to == null) {
            return false;
        }
        if (delivery instanceof Delivery.Message m) {
            return outlet.send(encoder.message(m, to), () -> delivered.accept(this, m.messageId()));
        } else if (delivery instanceof Delivery.Presence p) {
            presence.show(p.presence());
            return true;
        } else if (delivery instanceof Delivery.RosterUpdate r) {
            return send(encoder.rosterPush(r.entry(), r.removed(), "push-" + pushIds.incrementAndGet(), to));
        } else if (delivery instanceof Delivery.SubscriptionRequest s) {
            if (!presence.isAvailable()) {
                return true; // offered again with the pending requests at the next initial presence
            }
            return send(encoder.subscriptionRequest(s.from(), s.message(), to));
        } else if (delivery instanceof Delivery.SubscriptionAnswer a) {
            if (!a.approved()) {
                presence.forget(a.contact());
            }
            return send(encoder.subscriptionAnswer(a.contact(), a.approved(), to));
        } else if (delivery instanceof Delivery.AlertFired a) {
            return send(encoder.alert(a, to));
        } else if (delivery instanceof Delivery.PersonalEvent e) {
            // XEP-0163 filtered notifications: available resources that asked for the node (+notify)
            return !presence.isAvailable() || !presence.announced().notifies(e.node()) || send(encoder.personalEvent(e, to));
        }
        // receipts: XMPP clients are not told (no XEP-0184 request recorded); delivery is the server's business
        return true;
    }

    @Override
    public void close(String reason) {
        // a newer log-in of the same resource replaced this one (RFC 6120 section 4.9.3.3)
        closeStream(new XmppStreamException(XmppStreamException.Condition.CONFLICT, reason));
    }

    // --- sending and closing

    /** Sends a stanza; a full queue means the client stopped reading, and ends the stream. */
    @Override
    public boolean send(String stanza) {
        if (transport.isClosing()) {
            return false;
        }
        if (!outlet.send(stanza, null)) {
            notReading();
            return false;
        }
        return true;
    }

    /** Sends a stream-level element (features, SASL, stream errors): not a stanza, never counted. */
    public boolean sendStreamElement(String element) {
        if (transport.isClosing()) {
            return false;
        }
        if (!transport.send(element, null)) {
            notReading();
            return false;
        }
        return true;
    }

    private void notReading() {
        transport.abort("the client does not read its stanzas");
    }

    /** Ends the stream with a stream error (RFC 6120 section 4.9), then the transport's close. */
    public void closeStream(XmppStreamException error) {
        if (transport.isClosing()) {
            return;
        }
        if (!opened) {
            // RFC 6120 4.9.1.1: the stream is opened before it is failed
            openStream();
        }
        Xml streamError = Xml.element("stream:error").attr("xmlns:stream", Namespaces.STREAM)
                .child(Xml.element(error.condition().element(), Namespaces.STREAM_ERRORS));
        if (error.getMessage() != null) {
            streamError.child(Xml.element("text", Namespaces.STREAM_ERRORS).attr("xml:lang", "en").text(error.getMessage()));
        }
        sendStreamElement(streamError.toString());
        transport.closeStream(error.condition().element());
    }

    public boolean isClosing() {
        return transport.isClosing();
    }
}
