package org.universalim.clientprotocol.xmpp;

import org.universalim.clientprotocol.xmpp.sm.UnackedStanzas;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.address.UserId;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's XMPP stream over some {@link XmppTransport}: where its negotiation is, and once a resource is
 * bound, the device session it is (R3: a resource is a device). Deliveries of the routing core become
 * stanzas here ({@link DeliveryEncoder}) and leave through the connection's {@link StanzaOutlet}. Knows
 * nothing of WebSocket or TCP.
 *
 * <p>Acknowledgement: without stream management a message counts as delivered when its frame has been written to
 * the connection; a connection that drops before then fails over to the user's next device (R4). With stream
 * management (XEP-0198) it counts as delivered when the client acknowledged it; a link lost without a close leaves
 * a resumable session waiting for its client, and a resumed stream goes on over the new transport (both
 * {@link ManagedSession}'s). See docs/xmpp.md, "Stream management".
 */
public final class XmppConnection implements XmppSession {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(XmppConnection.class.getName());

    private final String id = "xmpp-" + UUID.randomUUID();
    private final StanzaOutlet outlet;
    private final ManagedSession managed;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final String domain;
    private final DeliveryEncoder encoder;
    private final BiConsumer<ClientSession, String> delivered;
    private final ResourcePresence presence = new ResourcePresence(this);
    private final AtomicLong pushIds = new AtomicLong();
    /** Held while one of the client's stanzas is handled and counted, and while the session is resumed elsewhere. */
    private final Object inbound = new Object();

    private volatile StreamStage stage = StreamStage.AWAITING_OPEN;
    private volatile boolean carbons;
    private volatile boolean opened;
    private volatile String userName;
    private volatile String device;
    private volatile Jid jid;
    private volatile String invitation;
    private volatile boolean blocklistWanted;
    private volatile boolean closedByClient;
    private SaslNegotiation sasl;
    private int authFailures;
    /** Where this connection's transport sends what it reads once another session took it over (a resumption). */
    private volatile Consumer<XmppConnection> carrier = c -> { };
    /** Ends the session (the device logs off, what it did not acknowledge goes elsewhere); run once. */
    private volatile Consumer<XmppConnection> ending = c -> { };
    /** Takes the answer to an IQ this resource sent over s2s that arrived on another node (none: dropped). */
    private volatile BiPredicate<XmppSession, Delivery.Stanza> remoteAnswers = (session, answer) -> true;

    /**
     * @param delivered told each message id once the message counts as delivered to this device
     * @param senderJid the full JID to show as the sender of a message from a bare address
     */
    public XmppConnection(XmppTransport transport, String domain, BiConsumer<ClientSession, String> delivered,
                          UnaryOperator<String> senderJid) {
        this(transport, domain, delivered, senderJid, jid -> "");
    }

    /** @param announcedBy what another resource (full JID) announced with its presence ({@link DeliveryEncoder}) */
    public XmppConnection(XmppTransport transport, String domain, BiConsumer<ClientSession, String> delivered,
                          UnaryOperator<String> senderJid, UnaryOperator<String> announcedBy) {
        this.outlet = new StanzaOutlet(transport);
        this.managed = new ManagedSession(this, outlet);
        this.domain = domain;
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
        if (!transport().openStream(StreamHeader.server(domain, HexFormat.of().formatHex(bytes)))) {
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
        transport().authenticated();
    }

    /** A resource is bound (RFC 6120 section 7): stanzas flow. */
    public void bound(String resource, UserId address) {
        this.device = resource;
        this.jid = Jid.of(address, resource);
        this.stage = StreamStage.BOUND;
    }

    /**
     * The lock of the client's stanzas (XEP-0198): a stanza is handled and counted under it, and a resumption takes it
     * before it reads the count it tells the client and moves the session to its new transport, so that a stanza
     * handled on the old link is either in that count or, read after the move, not handled at all.
     */
    public Object inboundLock() {
        return inbound;
    }

    /** The transport the stream runs on now (a resumed session runs on the transport of its new connection). */
    public XmppTransport transport() {
        return outlet.transport();
    }

    /**
     * @param carrier told which session to hand what this connection's transport reads once another session takes
     *                the transport over ({@link ManagedSession#resumeOn})
     * @param ending  ends the session: run once, when the stream ends and the session is not waiting for a resumption
     */
    public void attach(Consumer<XmppConnection> carrier, Consumer<XmppConnection> ending) {
        this.carrier = carrier;
        this.ending = ending;
    }

    /**
     * Who takes the answers to IQs this resource sent over s2s that arrived on another node's stream
     * ({@link Delivery.Stanza#asked()}): what waits for them waits on this node.
     */
    public void answersBy(BiPredicate<XmppSession, Delivery.Stanza> remoteAnswers) {
        this.remoteAnswers = remoteAnswers;
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
    public void blocklistWanted() {
        blocklistWanted = true;
    }

    @Override
    public String invitation() {
        return invitation;
    }

    @Override
    public void invitation(String token) {
        this.invitation = token;
    }

    @Override
    public ClientOrigin origin() {
        return transport().origin();
    }

    @Override
    public ResourcePresence presence() {
        return presence;
    }

    @Override
    public DeliveryEncoder encoder() {
        return encoder;
    }

    @Override
    public boolean carbons() {
        return carbons;
    }

    @Override
    public void carbons(boolean enabled) {
        this.carbons = enabled;
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
        // acknowledged by the connection itself once the frame is written, or the client acknowledged it under
        // stream management (see the class comment)
        return true;
    }

    @Override
    public boolean deliver(Delivery delivery) {
        Jid to = jid;
        if (to == null || outlet.ended() || !outlet.detached() && transport().isClosing()) {
            return false;
        }
        if (delivery instanceof Delivery.Message m) {
            if (outlet.detached()) {
                // the link is lost: the next device takes it now (R4), or storage, offered again on resumption
                return false;
            }
            if (outlet.wasAcknowledged(m.messageId())) {
                // offered again (e.g. back from storage) after this client acknowledged it: shown once
                delivered.accept(this, m.messageId());
                return true;
            }
            return sendStanza(encoder.message(m, to), m.messageId(), () -> delivered.accept(this, m.messageId()));
        } else if (delivery instanceof Delivery.Presence p) {
            presence.pushed(p.presence());
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
        } else if (delivery instanceof Delivery.Stanza s) {
            // an IQ from a resource of another ISP's user, for this resource only; the answer to an IQ this resource
            // sent over s2s that arrived on another node: only while that IQ waits here
            if (!s.device().equals(device)) {
                return true;
            }
            return s.asked() == null ? send(s.xml()) : remoteAnswers.test(this, s);
        } else if (delivery instanceof Delivery.Copy c) {
            // XEP-0280: only to resources that enabled carbons, never to the device that sent or got the message
            return !carbons || c.device().equals(device) || outlet.detached() || send(encoder.copy(c, to));
        } else if (delivery instanceof Delivery.BlockUpdate b) {
            // XEP-0191 section 3.3/3.4: pushed to the resources that asked for the block list
            return !blocklistWanted || send(encoder.blockPush(b, "push-" + pushIds.incrementAndGet(), to));
        } else if (delivery instanceof Delivery.PersonalEvent e) {
            // XEP-0163 filtered notifications: available resources that asked for the node (+notify)
            return !presence.isAvailable() || !presence.announced().notifies(e.node()) || send(encoder.personalEvent(e, to));
        }
        if (delivery instanceof Delivery.Receipt r && DeliveryEncoder.isBounce(r, to)) {
            // a message for another server that could not be handed over: the resource that sent it sees the error (RFC
            // 6120 8.3.3), the others a carbon of it if they asked (XEP-0280 section 6); every resource when the sending
            // device is not known
            if (r.fromDevice() == null || r.fromDevice().equals(device)) {
                return send(encoder.bounce(r, to));
            }
            return !carbons || outlet.detached() || send(encoder.bounceCopy(r, to));
        }
        // other receipts: XMPP clients are not told (no XEP-0184 request recorded); delivery is the server's business
        return true;
    }

    @Override
    public void close(String reason) {
        // a newer log-in of the same resource replaced this one (RFC 6120 section 4.9.3.3)
        endWith(XmppStreamException.Condition.CONFLICT, reason);
    }

    /**
     * The stream ends with {@code system-shutdown} (RFC 6120 section 4.9.3.19), which clients answer by connecting
     * again.
     */
    @Override
    public void closeToReconnect(String reason) {
        endWith(XmppStreamException.Condition.SYSTEM_SHUTDOWN, reason);
    }

    /** Ends the stream with this error; a session waiting for its resumption (XEP-0198) ends now, without one. */
    private void endWith(XmppStreamException.Condition condition, String reason) {
        if (outlet.detached()) {
            outlet.end();
            end();
            return;
        }
        closeStream(new XmppStreamException(condition, reason));
    }

    // --- sending and closing

    /** Sends a stanza; a full queue means the client stopped reading, and ends the stream. */
    @Override
    public boolean send(String stanza) {
        return sendStanza(stanza, null, null);
    }

    private boolean sendStanza(String stanza, String messageId, Runnable handled) {
        switch (outlet.send(stanza, messageId, handled)) {
            case SENT, KEPT -> {
                return true;
            }
            case NOT_READING -> notReading();
            case OVERFLOW -> overflow();
            default -> {
                // closed: not sent
            }
        }
        return false;
    }

    /** Sends a stream-level element (features, SASL, stream errors): not a stanza, never counted. */
    public boolean sendStreamElement(String element) {
        XmppTransport t = transport();
        if (t.isClosing()) {
            return false;
        }
        if (!outlet.sendStreamElement(element)) {
            notReading();
            return false;
        }
        return true;
    }

    private void notReading() {
        outlet.end();
        transport().abort("the client does not read its stanzas");
    }

    /** Too many stanzas unacknowledged (XEP-0198): the stream ends, not to be resumed; what was unacknowledged goes the R4 way. */
    private void overflow() {
        if (outlet.detached()) {
            outlet.end();
            end();
            return;
        }
        closeStream(new XmppStreamException(XmppStreamException.Condition.RESOURCE_CONSTRAINT,
                "too many unacknowledged stanzas: the session cannot be resumed"));
    }

    /** Ends the stream with a stream error (RFC 6120 section 4.9), then the transport's close; not to be resumed. */
    public void closeStream(XmppStreamException error) {
        outlet.end();
        XmppTransport t = transport();
        if (t.isClosing()) {
            return;
        }
        if (!opened) {
            // RFC 6120 4.9.1.1: the stream is opened before it is failed
            openStream();
        }
        sendStreamElement(streamError(error));
        t.closeStream(error.condition().element());
    }

    /** A {@code <stream:error/>} element (RFC 6120 section 4.9), with its application-specific condition if any. */
    static String streamError(XmppStreamException error) {
        Xml streamError = Xml.element("stream:error").attr("xmlns:stream", Namespaces.STREAM)
                .child(Xml.element(error.condition().element(), Namespaces.STREAM_ERRORS))
                .child(error.applicationCondition());
        if (error.getMessage() != null) {
            streamError.child(Xml.element("text", Namespaces.STREAM_ERRORS).attr("xml:lang", "en").text(error.getMessage()));
        }
        return streamError.toString();
    }

    /** The client closed the stream ({@code <close/>}): the session ends, not to be resumed (XEP-0198 section 7). */
    public void closedByClient() {
        closedByClient = true;
        outlet.end();
        transport().closeStream("stream closed");
    }

    public boolean isClosing() {
        return transport().isClosing();
    }

    /** Whether the client closed the stream itself ({@code <close/>}). */
    public boolean closedByClientStream() {
        return closedByClient;
    }

    // --- stream management (XEP-0198)

    /** The stream management of this session ({@link ManagedSession}). */
    public ManagedSession streamManagement() {
        return managed;
    }

    @Override
    public void handledWhen(CompletionStage<?> done) {
        managed.handledWhen(done);
    }

    /** Runs what counts as handled once the client acknowledged these stanzas (a message: delivered). */
    static void runHandled(String connection, List<UnackedStanzas.Entry> entries) {
        for (UnackedStanzas.Entry e : entries) {
            if (e.handled() != null) {
                try {
                    e.handled().run();
                } catch (RuntimeException failure) {
                    LOG.log(Level.WARNING, "acknowledgement on " + connection + " not recorded", failure);
                }
            }
        }
    }

    /** This connection's transport carries {@code session} from now on (it resumed here); this one sends nothing more. */
    void handOver(XmppConnection session) {
        outlet.end();
        carrier.accept(session);
    }

    /**
     * The session waited too long for its resumption, or cannot wait any longer: it ends (once), and what its client
     * did not acknowledge goes the R4 way.
     */
    public void expire() {
        outlet.end();
        end();
    }

    /** Ends the session, once: the protocol's clean-up (log-off, unacknowledged messages to the next device). */
    public void end() {
        if (finished.compareAndSet(false, true)) {
            ending.accept(this);
        }
    }

    /** Whether the session has ended. */
    public boolean isFinished() {
        return finished.get();
    }
}
