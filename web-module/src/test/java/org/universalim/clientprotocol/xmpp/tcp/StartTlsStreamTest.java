package org.universalim.clientprotocol.xmpp.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.StreamHeader;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream before TLS on the STARTTLS port, and how the TCP transport writes it (on Netty's embedded channel). */
class StartTlsStreamTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final TcpTransport transport = new TcpTransport(channel, "192.0.2.1", 3, Runnable::run);
    private final StartTlsStream stream = new StartTlsStream("isp-a-u.example", transport);

    private String written() {
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    private static XmlElement element(String name, String ns) {
        try {
            return new StanzaReader().read("<" + name + " xmlns='" + ns + "'/>");
        } catch (XmppStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void offersStartTlsAloneAndRequired() throws Exception {
        stream.opened(StreamHeader.client("isp-a-u.example", "1.0", null));
        String out = written();
        assertThat(out).startsWith("<?xml version='1.0'?><stream:stream xmlns=\"jabber:client\" xmlns:stream=\"http://etherx.jabber.org/streams\""
                + " from=\"isp-a-u.example\" id=\"").contains("version=\"1.0\" xml:lang=\"en\">")
                .endsWith("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\"><starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\">"
                        + "<required/></starttls></stream:features>");
        assertThat(transport.origin().secure()).isFalse();
        assertThat(transport.origin().address()).isEqualTo("192.0.2.1");
        assertThat(stream.element(element("starttls", StartTlsStream.TLS))).isEqualTo(StartTlsStream.Next.START_TLS);
    }

    @Test
    void authenticationBeforeTlsIsEncryptionRequiredAndEndsTheThirdTime() throws Exception {
        stream.opened(StreamHeader.client(null, "1.0", null));
        written();
        for (int i = 0; i < 2; i++) {
            assertThat(stream.element(element("auth", Namespaces.SASL))).isEqualTo(StartTlsStream.Next.GO_ON);
            assertThat(written()).startsWith("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><encryption-required/>");
        }
        assertThatThrownBy(() -> stream.element(element("auth", Namespaces.SASL))).isInstanceOfSatisfying(XmppStreamException.class,
                e -> assertThat(e.condition()).isEqualTo(Condition.POLICY_VIOLATION));
    }

    @Test
    void aStanzaBeforeTlsIsNotAuthorizedAndTheErrorEndsTheStream() throws Exception {
        stream.opened(StreamHeader.client(null, "1.0", null));
        written();
        XmppStreamException error = null;
        try {
            stream.element(element("message", Namespaces.CLIENT));
        } catch (XmppStreamException e) {
            error = e;
        }
        assertThat(error).isNotNull();
        assertThat(error.condition()).isEqualTo(Condition.NOT_AUTHORIZED);
        stream.fail(error);
        assertThat(written()).isEqualTo("<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\"><not-authorized"
                + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/><text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\" xml:lang=\"en\">"
                + "negotiate TLS (STARTTLS) and log in first</text></stream:error></stream:stream>");
        assertThat(transport.isClosing()).isTrue();
        assertThat(transport.send("<presence/>", null)).isFalse();
    }

    @Test
    void anotherDomainIsHostUnknownAfterTheServersHeader() {
        assertThatThrownBy(() -> stream.opened(StreamHeader.client("elsewhere.example", "1.0", null)))
                .isInstanceOfSatisfying(XmppStreamException.class, e -> assertThat(e.condition()).isEqualTo(Condition.HOST_UNKNOWN));
        assertThat(written()).startsWith("<?xml version='1.0'?><stream:stream ");
        assertThat(transport.isOpened()).isTrue();
    }

    @Test
    void aClientThatDoesNotReadIsRefusedMoreThanItsQueue() {
        // the embedded channel completes writes at once: hold them by making the channel unwritable is not needed,
        // the count is of writes not yet completed, so none is pending here
        for (int i = 0; i < 10; i++) {
            assertThat(transport.send("<presence/>", null)).isTrue();
        }
        assertThat(written()).hasSize(10 * "<presence/>".length());
    }
}
