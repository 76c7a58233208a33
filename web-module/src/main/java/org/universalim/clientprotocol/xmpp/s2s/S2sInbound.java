package org.universalim.clientprotocol.xmpp.s2s;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.universalim.clientprotocol.connection.Watched;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StreamHeader;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.clientprotocol.xmpp.tcp.StreamReader;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A remote server's connection to our s2s port (RFC 6120, the receiving entity): STARTTLS is required before anything
 * else; then SASL EXTERNAL is offered only when the server's certificate (verified against the trust store in the TLS
 * handshake) names the domain in its stream header (RFC 6120 13.7.1.2, RFC 7590); after it, stanzas are taken only
 * from that domain (another {@code from}: {@code invalid-from}, the stream ends) and only for our domain, within the
 * remote domain's rate. The connection is watched like a client's ({@code ConnectionWatch}): authenticated within the
 * log-in deadline, closed when idle, a share of unauthenticated connections per address. After TLS it offers XEP-0288
 * (bidirectional streams); a remote server that asks for it before authenticating gets our stanzas for its domain on
 * this stream once authenticated, instead of a second connection (unless one of ours to it runs already).
 */
final class S2sInbound extends S2sChannel {

    private static final Logger LOG = Logger.getLogger(S2sInbound.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Phase { PLAIN_HEADER, PLAIN, HANDSHAKE, SECURE_HEADER, SECURE, AUTHED_HEADER, OPEN }

    private final S2sServer server;
    private StanzaIntake intake;
    private Watched watched;
    private Phase phase = Phase.PLAIN_HEADER;
    private boolean opened;
    /** The domain the stream header names, and the one authenticated. */
    private String claimed;
    private String peer;
    private boolean certificateNamesPeer;
    /** The id of our current stream header (what dialback keys are made for). */
    private String streamId;
    /** Whether this stream may go on without TLS (the insecure test domain). */
    private boolean insecure;
    /** The remote server asked for XEP-0288 before authenticating: our stanzas for its domain may go on this stream. */
    private boolean bidiAsked;
    /** Our stanzas for the remote domain that go on this stream (XEP-0288), while it runs. */
    private OutgoingSession carried;

    S2sInbound(S2sServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        String address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        watched = server.watch().open(address, why -> ctx.channel().eventLoop().execute(() ->
                fail(new XmppStreamException(Condition.CONNECTION_TIMEOUT, why == Watched.Expiry.LOGIN_DEADLINE
                        ? "not authenticated in time" : "idle too long"))));
        if (watched == null) {
            ctx.close();
            return;
        }
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (watched != null) {
            watched.active(System.nanoTime());
        }
        super.channelRead(context, msg);
    }

    @Override
    void handle(StreamReader.Event event) throws XmppStreamException {
        if (event instanceof StreamReader.Closed) {
            end();
            return;
        }
        if (event instanceof StreamReader.Opened o) {
            opened(o.header());
            return;
        }
        XmlElement e = ((StreamReader.Read) event).element();
        if (DIALBACK.equals(e.namespace()) && (phase == Phase.SECURE || phase == Phase.OPEN || phase == Phase.PLAIN && insecure)) {
            dialback(e);
            return;
        }
        if (phase == Phase.SECURE && e.is("bidi", S2sOutbound.BIDI)) {
            bidiAsked = true; // XEP-0288 2: asked after TLS, before authentication; nothing is answered
            return;
        }
        switch (phase) {
            case PLAIN -> {
                if (!e.is("starttls", TLS)) {
                    throw new XmppStreamException(Condition.NOT_AUTHORIZED, "TLS is required first");
                }
                startTls();
            }
            case SECURE -> authenticate(e);
            case OPEN -> stanza(e);
            default -> throw new XmppStreamException(Condition.NOT_AUTHORIZED, "a stream header is expected");
        }
    }

    private void opened(StreamHeader header) throws XmppStreamException {
        String to = header.to() == null ? null : header.to().toLowerCase(Locale.ROOT);
        String from = header.from() == null ? null : header.from().toLowerCase(Locale.ROOT);
        opened = true;
        streamId = newId();
        openStream(server.domain(), from, streamId);
        if (to == null || !to.equals(server.domain())) {
            throw new XmppStreamException(Condition.HOST_UNKNOWN, "this server serves " + server.domain());
        }
        if (from != null && server.blocked(from)) {
            throw new XmppStreamException(Condition.POLICY_VIOLATION, "this server does not federate with " + from);
        }
        switch (phase) {
            case PLAIN_HEADER -> {
                phase = Phase.PLAIN;
                insecure = from != null && from.equals(server.insecureDomain());
                write(insecure ? "<stream:features><starttls xmlns='" + TLS + "'/>" + DIALBACK_FEATURE + "</stream:features>"
                        : "<stream:features><starttls xmlns='" + TLS + "'><required/></starttls></stream:features>");
            }
            case SECURE_HEADER -> {
                if (from == null) {
                    throw new XmppStreamException(Condition.NOT_AUTHORIZED, "the stream header names no domain");
                }
                claimed = from;
                certificateNamesPeer = S2sTls.peerNamed(ctx.pipeline(), from);
                phase = Phase.SECURE;
                write("<stream:features><mechanisms xmlns='" + Namespaces.SASL + "'>"
                        + (certificateNamesPeer ? "<mechanism>EXTERNAL</mechanism>" : "") + "</mechanisms>" + DIALBACK_FEATURE
                        + "<bidi xmlns='" + S2sOutbound.BIDI_FEATURE + "'/></stream:features>");
            }
            case AUTHED_HEADER -> {
                if (from != null && !from.equals(peer)) {
                    throw new XmppStreamException(Condition.INVALID_FROM, "this stream is authenticated for " + peer);
                }
                phase = Phase.OPEN;
                write("<stream:features/>");
                bidi();
            }
            default -> throw new XmppStreamException(Condition.POLICY_VIOLATION, "the stream was opened already");
        }
    }

    private static String newId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private void startTls() {
        phase = Phase.HANDSHAKE;
        held = true;
        drop(); // what followed <starttls/> in the clear never counts as sent inside TLS
        reader.restart();
        ctx.pipeline().addFirst("tls", S2sTls.server(server.tls()));
        write("<proceed xmlns='" + TLS + "'/>");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                LOG.log(Level.FINE, "s2s TLS handshake failed: {0}", String.valueOf(done.cause()));
                context.close();
                return;
            }
            phase = Phase.SECURE_HEADER;
            held = false;
            read();
            return;
        }
        context.fireUserEventTriggered(event);
    }

    /** SASL EXTERNAL (RFC 6120 6.4, XEP-0178): the authorization identity, if any, is the domain the header named. */
    private void authenticate(XmlElement auth) throws XmppStreamException {
        if (!auth.is("auth", Namespaces.SASL)) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "authenticate first (SASL EXTERNAL)");
        }
        String given = auth.text() == null ? "" : auth.text().strip();
        String authzid;
        try {
            authzid = given.isEmpty() || given.equals("=") ? claimed
                    : new String(Base64.getDecoder().decode(given), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            write("<failure xmlns='" + Namespaces.SASL + "'><incorrect-encoding/></failure>");
            end();
            return;
        }
        if (!"EXTERNAL".equals(auth.attribute("mechanism")) || !certificateNamesPeer || !claimed.equals(authzid)) {
            LOG.log(Level.WARNING, "s2s: {0} was refused: its certificate does not name it (or it asked for another identity)", claimed);
            write("<failure xmlns='" + Namespaces.SASL + "'><not-authorized/></failure>");
            end();
            return;
        }
        peer = claimed;
        watched.authenticated();
        reader.restart();
        phase = Phase.AUTHED_HEADER;
        write("<success xmlns='" + Namespaces.SASL + "'/>");
        LOG.log(Level.INFO, "s2s: {0} connected (SASL EXTERNAL)", peer);
    }

    /**
     * Server Dialback (XEP-0220): {@code db:verify} asks us, the authoritative server, whether a key we sent on a stream
     * of ours is ours; {@code db:result} is a remote server's key for this stream, which we verify with its authoritative
     * server over a connection of our own (reading waits meanwhile) before its stanzas are taken.
     */
    private void dialback(XmlElement e) throws XmppStreamException {
        String from = e.attribute("from") == null ? null : e.attribute("from").toLowerCase(Locale.ROOT);
        String to = e.attribute("to") == null ? null : e.attribute("to").toLowerCase(Locale.ROOT);
        if (from == null || to == null) {
            throw new XmppStreamException(Condition.IMPROPER_ADDRESSING, "dialback names from and to");
        }
        if (!to.equals(server.domain())) {
            throw new XmppStreamException(Condition.HOST_UNKNOWN, "this server serves " + server.domain());
        }
        String key = e.text() == null ? "" : e.text().strip();
        if (e.name().equals("verify")) {
            boolean ours = server.dialback().valid(key, from, to, e.attribute("id"));
            writeDialback("verify", to, from, e.attribute("id"), ours ? "valid" : "invalid");
            return;
        }
        if (!e.name().equals("result") || e.attribute("type") != null) {
            throw new XmppStreamException(Condition.UNSUPPORTED_STANZA_TYPE, "db:result or db:verify");
        }
        if (server.blocked(from) || peer != null && !peer.equals(from) || claimed != null && !claimed.equals(from)) {
            writeDialback("result", to, from, null, "invalid");
            end();
            return;
        }
        hold(); // nothing more is read while its authoritative server is asked
        String id = streamId;
        server.verifyDialback(from, id, key).whenComplete((valid, failure) -> ctx.channel().eventLoop().execute(() -> {
            if (ended()) {
                return;
            }
            if (failure != null || !Boolean.TRUE.equals(valid)) {
                LOG.log(Level.WARNING, "s2s: dialback of {0} failed: its server did not confirm the key", from);
                writeDialback("result", to, from, null, "invalid");
                end();
                return;
            }
            peer = from;
            watched.authenticated();
            phase = Phase.OPEN;
            writeDialback("result", to, from, null, "valid");
            LOG.log(Level.INFO, "s2s: {0} connected (Server Dialback)", peer);
            bidi();
            release();
        }));
    }

    /** Authenticated: when the remote server asked for XEP-0288, our stanzas for its domain go on this stream. */
    private void bidi() {
        if (bidiAsked && carried == null && server.bidi(peer, this, ctx.channel())) {
            LOG.log(Level.INFO, "s2s: {0} asked for a bidirectional stream (XEP-0288): our stanzas for it go on its stream", peer);
        }
    }

    /** The session of our stanzas for the remote domain that this stream carries. */
    void carries(OutgoingSession session) {
        carried = session;
    }

    /** A stanza of the authenticated domain, to the core ({@link StanzaIntake}). */
    private void stanza(XmlElement s) throws XmppStreamException {
        if (intake == null) {
            intake = new StanzaIntake(this, server, peer);
        }
        intake.take(s);
    }

    @Override
    void stopped() {
        server.watch().closed(watched);
        watched = null;
        if (carried != null) {
            carried.failed(new OutgoingSession.Failure(false, "remote-server-timeout", "the stream of " + peer + " ended"));
        }
    }

    @Override
    boolean streamOpen() {
        return opened;
    }

    @Override
    String localDomain() {
        return server.domain();
    }

    @Override
    void shutdown() {
        fail(new XmppStreamException(Condition.SYSTEM_SHUTDOWN, "the server is stopping"));
    }
}
