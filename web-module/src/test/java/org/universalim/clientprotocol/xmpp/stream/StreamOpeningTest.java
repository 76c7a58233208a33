package org.universalim.clientprotocol.xmpp.stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.RecordingTransport;
import org.universalim.clientprotocol.xmpp.StreamHeader;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.handler.RegisterHandler;
import org.universalim.platform.IspSettings;
import org.universalim.platform.security.ClientOrigin;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's answer to a stream header: its own header, then the features of the stage the stream enters. */
class StreamOpeningTest {

    private final IspSettings isp = new IspSettings() {
        @Override
        public String universalDomain() {
            return "isp-a-u.example";
        }

        @Override
        public String ispDomain() {
            return "isp-a.example";
        }
    };
    private final StreamOpening opening = StreamOpening.with(isp, List.of(new SessionEstablishment(), new RegisterHandler(),
            new ResourceBinding(), new SaslAuthentication()));
    private RecordingTransport transport;
    private XmppConnection conn;

    @BeforeEach
    void connect() {
        connect(false);
    }

    private void connect(boolean tls) {
        transport = new RecordingTransport(new ClientOrigin("192.0.2.1", tls), Integer.MAX_VALUE);
        conn = new XmppConnection(transport, "isp-a-u.example", (s, id) -> { }, a -> a);
    }

    @Test
    void theFirstStreamOffersSaslAndRegistrationInOrder() throws Exception {
        opening.open(conn, StreamHeader.client("isp-a-u.example", "1.0", "en"));
        assertThat(transport.written).hasSize(2);
        assertThat(transport.written.get(0)).matches("header:[0-9a-f]{24}");
        assertThat(transport.written.get(1)).isEqualTo("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\">"
                + "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>SCRAM-SHA-256</mechanism>"
                + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms>"
                + "<register xmlns=\"http://jabber.org/features/iq-register\"/></stream:features>");
        assertThat(conn.stage()).isEqualTo(StreamStage.AUTHENTICATING);
    }

    @Test
    void plainIsOfferedOnEncryptedConnectionsOnly() throws Exception {
        connect(true);
        opening.open(conn, StreamHeader.client(null, "1.0", null));
        assertThat(transport.last()).contains("<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms>");
    }

    @Test
    void theRestartAfterSaslOffersBindAndAnOptionalSession() throws Exception {
        opening.open(conn, StreamHeader.client("isp-a-u.example", "1.0", null));
        conn.authenticated("alice");
        opening.open(conn, StreamHeader.client("isp-a-u.example", "1.0", null));
        assertThat(transport.last()).isEqualTo("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\">"
                + "<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/>"
                + "<session xmlns=\"urn:ietf:params:xml:ns:xmpp-session\"><optional/></session></stream:features>");
        assertThat(conn.stage()).isEqualTo(StreamStage.AUTHENTICATED);
    }

    @Test
    void anotherDomainAVersionBefore1AndASecondOpenEndTheStream() throws Exception {
        assertThatThrownBy(() -> opening.open(conn, StreamHeader.client("isp-a.example", "1.0", null)))
                .isInstanceOfSatisfying(XmppStreamException.class, e -> {
                    assertThat(e.condition()).isEqualTo(XmppStreamException.Condition.HOST_UNKNOWN);
                    assertThat(e.getMessage()).isEqualTo("this server is isp-a-u.example: XMPP serves the universal domain");
                });
        assertThat(transport.written).as("the header goes out before the error").hasSize(1);

        connect(false);
        assertThatThrownBy(() -> opening.open(conn, StreamHeader.client(null, null, null)))
                .isInstanceOfSatisfying(XmppStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo(XmppStreamException.Condition.UNSUPPORTED_VERSION));

        connect(false);
        opening.open(conn, StreamHeader.client(null, "1.0", null));
        assertThatThrownBy(() -> opening.open(conn, StreamHeader.client(null, "1.0", null)))
                .isInstanceOfSatisfying(XmppStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo(XmppStreamException.Condition.BAD_FORMAT));
    }
}
