package org.universalim.clientprotocol.xmpp.s2s;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.clientprotocol.xmpp.tcp.StreamReader;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Our side of a connection to a remote XMPP server (RFC 6120, the initiating entity): the stream, STARTTLS (required:
 * a server that offers no TLS is not used), the server's certificate checked against the trust store and the domain,
 * SASL EXTERNAL with our certificate (RFC 6120 13.7.1, XEP-0178), or Server Dialback (XEP-0220) when it offers no
 * EXTERNAL or refuses our certificate (as a server that does not trust our CA does), the stream restarted after each, then the stanzas of
 * the {@link OutgoingSession}. When the remote server offers XEP-0288 (bidirectional streams) we ask for it before
 * authenticating, and then take the stanzas it sends back on this stream as from its authenticated domain
 * ({@link StanzaIntake}: its certificate named it at the TLS handshake); without it, stanzas on our stream are dropped.
 */
final class S2sOutbound extends S2sChannel {

    static final String BIDI_FEATURE = "urn:xmpp:features:bidi";
    static final String BIDI = "urn:xmpp:bidi";

    private enum Phase { FEATURES, STARTTLS, HANDSHAKE, SECURE_FEATURES, AUTH, DIALBACK, VERIFYING, READY_FEATURES, READY }

    /** A key of a remote server's to check with its authoritative server (XEP-0220 2.3), instead of sending stanzas. */
    record Verify(String streamId, String key, CompletableFuture<Boolean> valid) {
    }

    private final S2sServer server;
    private final OutgoingSession session;
    private final boolean directTls;
    private final Verify verify;
    private Phase phase = Phase.FEATURES;
    private boolean opened;
    /** The id of the remote server's stream header (what our dialback key is made for). */
    private String remoteStreamId;
    /** XEP-0288 negotiated: the remote server sends its stanzas for us on this stream too. */
    private StanzaIntake bidi;
    /** The features the remote server offered after TLS (to fall back on dialback when it refuses our certificate). */
    private XmlElement authFeatures;

    S2sOutbound(S2sServer server, OutgoingSession session, boolean directTls, Verify verify) {
        this.server = server;
        this.session = session;
        this.directTls = directTls;
        this.verify = verify;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        if (directTls) {
            phase = Phase.HANDSHAKE;
            held = true;
        } else {
            open();
        }
        context.fireChannelActive();
    }

    private void open() {
        reader.restart();
        opened = true;
        openStream(server.domain(), session.domain(), null);
    }

    @Override
    void handle(StreamReader.Event event) throws XmppStreamException {
        if (event instanceof StreamReader.Opened o) {
            remoteStreamId = o.header().id();
            return;
        }
        if (event instanceof StreamReader.Closed) {
            end();
            return;
        }
        XmlElement e = ((StreamReader.Read) event).element();
        if (e.is("error", Namespaces.STREAM)) {
            fail("remote-server-timeout", "the remote server ended the stream: " + (e.children().isEmpty() ? "?" : e.children().get(0).name()));
            return;
        }
        switch (phase) {
            case FEATURES -> {
                if (!e.is("features", Namespaces.STREAM)) {
                    throw new XmppStreamException(Condition.POLICY_VIOLATION, "stream features expected");
                }
                if (e.child("starttls", TLS) == null) {
                    if (session.domain().equals(server.insecureDomain())) {
                        authenticate(e, false); // the test domain allowed without TLS: dialback only
                        return;
                    }
                    fail("remote-server-not-found", session.domain() + " offers no TLS");
                    return;
                }
                phase = Phase.STARTTLS;
                write("<starttls xmlns='" + TLS + "'/>");
            }
            case STARTTLS -> {
                if (!e.is("proceed", TLS)) {
                    fail("remote-server-not-found", session.domain() + " refused STARTTLS");
                    return;
                }
                phase = Phase.HANDSHAKE;
                held = true;
                drop();
                ctx.pipeline().addFirst("tls", S2sTls.client(server.tls(), session.domain(), 0));
            }
            case SECURE_FEATURES -> {
                if (!e.is("features", Namespaces.STREAM)) {
                    throw new XmppStreamException(Condition.POLICY_VIOLATION, "stream features expected");
                }
                authenticate(e, true);
            }
            case DIALBACK -> {
                if (!e.is("result", DIALBACK)) {
                    return; // e.g. a db:verify answer for another connection: not ours
                }
                if (!"valid".equals(e.attribute("type"))) {
                    fail("remote-server-not-found", session.domain() + " did not accept our dialback key");
                    return;
                }
                phase = Phase.READY;
                session.ready(this);
            }
            case VERIFYING -> {
                if (e.is("verify", DIALBACK) && verify.streamId().equals(e.attribute("id"))) {
                    verify.valid().complete("valid".equals(e.attribute("type")));
                    end();
                }
            }
            case AUTH -> {
                if (!e.is("success", Namespaces.SASL)) {
                    // RFC 6120 6.4.5 lets us go on after a failure: dialback, if offered, on the same stream (XEP-0178 section 4)
                    if (e.is("failure", Namespaces.SASL) && dialback(authFeatures)) {
                        return;
                    }
                    fail("remote-server-not-found", session.domain() + " refused our certificate");
                    return;
                }
                phase = Phase.READY_FEATURES;
                open();
            }
            case READY_FEATURES -> {
                if (!e.is("features", Namespaces.STREAM)) {
                    throw new XmppStreamException(Condition.POLICY_VIOLATION, "stream features expected");
                }
                phase = Phase.READY;
                session.ready(this);
            }
            default -> {
                if (bidi != null) {
                    bidi.take(e);
                }
                // else stanzas on our outgoing stream: not negotiated (no XEP-0288), dropped
            }
        }
    }

    /**
     * After TLS (or without it for the insecure test domain): SASL EXTERNAL when offered; else Server Dialback when
     * offered; a key to verify goes out here too (XEP-0220 2.3: before authentication).
     */
    private void authenticate(XmlElement features, boolean secure) {
        if (verify != null) {
            phase = Phase.VERIFYING;
            write(org.universalim.clientprotocol.xmpp.Xml.element("db:verify").attr("xmlns:db", DIALBACK).attr("from", server.domain())
                    .attr("to", session.domain()).attr("id", verify.streamId()).text(verify.key()).toString());
            return;
        }
        if (secure && features.child("bidi", BIDI_FEATURE) != null) {
            // XEP-0288 2: asked before authentication; the remote server is authenticated by its certificate already
            write("<bidi xmlns='" + BIDI + "'/>");
            bidi = new StanzaIntake(this, server, session.domain());
        }
        XmlElement mechanisms = features.child("mechanisms", Namespaces.SASL);
        boolean external = secure && mechanisms != null && mechanisms.children("mechanism", Namespaces.SASL).stream()
                .anyMatch(m -> "EXTERNAL".equals(m.text().strip()));
        if (external) {
            phase = Phase.AUTH;
            authFeatures = features;
            String authzid = Base64.getEncoder().encodeToString(server.domain().getBytes(StandardCharsets.UTF_8));
            write("<auth xmlns='" + Namespaces.SASL + "' mechanism='EXTERNAL'>" + authzid + "</auth>");
            return;
        }
        if (dialback(features)) {
            return;
        }
        fail("remote-server-not-found", session.domain() + " accepts neither our certificate (SASL EXTERNAL) nor dialback");
    }

    /** Sends our dialback key (XEP-0220 2.1) when the remote server offered dialback; false when it did not. */
    private boolean dialback(XmlElement features) {
        if (features == null || features.child("dialback", "urn:xmpp:features:dialback") == null || remoteStreamId == null) {
            return false;
        }
        phase = Phase.DIALBACK;
        write(org.universalim.clientprotocol.xmpp.Xml.element("db:result").attr("xmlns:db", DIALBACK).attr("from", server.domain())
                .attr("to", session.domain()).text(server.dialback().key(session.domain(), server.domain(), remoteStreamId)).toString());
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                failed("remote-server-not-found", "TLS with " + session.domain() + " failed: " + done.cause().getMessage());
                context.close();
                return;
            }
            if (!S2sTls.peerNamed(context.pipeline(), session.domain())) {
                failed("remote-server-not-found", "the certificate of " + session.domain() + " does not name it");
                context.close();
                return;
            }
            phase = Phase.SECURE_FEATURES;
            held = false;
            open();
            read();
            return;
        }
        if (event instanceof IdleStateEvent) {
            end(); // nothing to carry for a while: opened again when needed
            return;
        }
        context.fireUserEventTriggered(event);
    }

    /** Writes stanzas in order (any thread); the future completes once the last is written. */
    void send(List<String> stanzas, CompletableFuture<Void> written) {
        send(stanzas, written, session.domain());
    }

    private void fail(String condition, String why) {
        failed(condition, why);
        end();
    }

    private void failed(String condition, String why) {
        if (verify != null) {
            verify.valid().complete(false);
        }
        session.failed(new OutgoingSession.Failure(false, condition, why));
    }

    @Override
    void shutdown() {
        fail(new XmppStreamException(Condition.SYSTEM_SHUTDOWN, "the server is stopping"));
    }

    @Override
    void stopped() {
        failed("remote-server-timeout", "the connection to " + session.domain() + " ended");
    }

    @Override
    boolean streamOpen() {
        return opened;
    }

    @Override
    String localDomain() {
        return server.domain();
    }
}
