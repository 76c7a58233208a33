package org.universalim.clientprotocol.xmpp.tcp;

import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StreamHeader;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The first stream on the STARTTLS port, before TLS (RFC 6120 section 5): the transport answers it itself, and the XMPP
 * core sees the client only once TLS is up. TLS is mandatory-to-negotiate: the features offer STARTTLS alone, with
 * {@code <required/>}; an {@code <auth/>} (any mechanism: nothing that carries a password or its proof goes in the
 * clear) is answered {@code <encryption-required/>} (RFC 6120 6.5.4), at most {@value #MAX_AUTH_ATTEMPTS} times; a
 * stanza ends the stream {@code not-authorized}, anything else {@code policy-violation}. Runs on the connection's event
 * loop: it touches no database.
 */
final class StartTlsStream {

    /** What the client asked for. */
    enum Next { GO_ON, START_TLS }

    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final int MAX_AUTH_ATTEMPTS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String domain;
    private final TcpTransport transport;
    private int authAttempts;

    StartTlsStream(String domain, TcpTransport transport) {
        this.domain = domain;
        this.transport = transport;
    }

    /** The header the server answers with (fresh stream id). */
    StreamHeader serverHeader() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return StreamHeader.server(domain, HexFormat.of().formatHex(id));
    }

    /** The client opened its stream: the server's header, then STARTTLS as the only feature. */
    void opened(StreamHeader client) throws XmppStreamException {
        transport.openStream(serverHeader());
        String to = client.to();
        if (to != null && !to.strip().equalsIgnoreCase(domain)) {
            throw new XmppStreamException(Condition.HOST_UNKNOWN, "this server is " + domain);
        }
        if (client.version() == null || !client.version().startsWith("1.")) {
            throw new XmppStreamException(Condition.UNSUPPORTED_VERSION, "XMPP 1.0 is required (version='1.0')");
        }
        transport.send(Xml.element("stream:features").attr("xmlns:stream", Namespaces.STREAM)
                .child(Xml.element("starttls", TLS).child(Xml.element("required"))).toString(), null);
    }

    /** A top-level element before TLS. */
    Next element(XmlElement e) throws XmppStreamException {
        if (e.is("starttls", TLS)) {
            return Next.START_TLS;
        }
        if (e.is("auth", Namespaces.SASL)) {
            transport.send(Xml.element("failure", Namespaces.SASL).child(Xml.element("encryption-required"))
                    .child(Xml.element("text").attr("xml:lang", "en").text("negotiate TLS first (STARTTLS)")).toString(), null);
            if (++authAttempts >= MAX_AUTH_ATTEMPTS) {
                throw new XmppStreamException(Condition.POLICY_VIOLATION, "STARTTLS is required before authentication");
            }
            return Next.GO_ON;
        }
        if (e.isStanza()) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "negotiate TLS (STARTTLS) and log in first");
        }
        throw new XmppStreamException(Condition.POLICY_VIOLATION, "STARTTLS is required first");
    }

    /** {@code <proceed/>}: TLS starts right after its last byte (RFC 6120 5.4.3.3). */
    void proceed() {
        transport.send(Xml.element("proceed", TLS).toString(), null);
    }

    /** TLS cannot be offered (no certificate): {@code <failure/>} and the stream ends (RFC 6120 5.4.2.2). */
    void cannotStartTls() {
        transport.send(Xml.element("failure", TLS).toString(), null);
        transport.closeStream("no TLS");
    }

    /** The stream ends with this error. */
    void fail(XmppStreamException error) {
        transport.failStream(serverHeader(), error);
    }
}
