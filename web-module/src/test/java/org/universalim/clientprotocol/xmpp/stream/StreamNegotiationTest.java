package org.universalim.clientprotocol.xmpp.stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.RecordingTransport;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqHandlers;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client may send before its resource is bound, stage by stage. */
class StreamNegotiationTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final StreamNegotiation negotiation = new StreamNegotiation();
    private RecordingTransport transport;
    private XmppConnection conn;

    @BeforeEach
    void setUp() {
        IqHandler registration = handler("jabber:iq:register", true);
        IqHandler roster = handler("jabber:iq:roster", false);
        negotiation.iqs = IqHandlers.of(List.of(registration, roster));
        negotiation.use(List.of(new StreamElementHandler() {
            @Override
            public String namespace() {
                return "urn:ietf:params:xml:ns:xmpp-sasl";
            }

            @Override
            public void handle(XmppConnection c, XmlElement element) {
                handled.add("sasl " + element.name());
            }
        }));
        transport = new RecordingTransport();
        conn = new XmppConnection(transport, "isp-a-u.example", (s, id) -> { }, a -> a);
    }

    private IqHandler handler(String namespace, boolean beforeLogIn) {
        return new IqHandler() {
            @Override
            public List<QName> handles() {
                return List.of(new QName(namespace, "query"));
            }

            @Override
            public boolean answersBeforeLogIn() {
                return beforeLogIn;
            }

            @Override
            public void handle(IqRequest request) {
                handled.add(namespace);
            }
        };
    }

    private void send(String xml) throws XmppStreamException {
        negotiation.element(conn, new StanzaReader().read(xml));
    }

    private static Condition condition(ThrowingCall call) {
        try {
            call.run();
        } catch (XmppStreamException e) {
            return e.condition();
        }
        return null;
    }

    private interface ThrowingCall {
        void run() throws XmppStreamException;
    }

    @Test
    void nothingBeforeTheStreamIsOpened() {
        assertThatThrownBy(() -> send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'/>"))
                .isInstanceOfSatisfying(XmppStreamException.class, e -> assertThat(e.condition()).isEqualTo(Condition.NOT_AUTHORIZED));
        assertThat(handled).isEmpty();
    }

    @Test
    void beforeLogInSaslAndRegistrationOnly() throws Exception {
        conn.openStream();
        conn.stage(StreamStage.AUTHENTICATING);
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'/>");
        send("<iq xmlns='jabber:client' type='get' id='r1'><query xmlns='jabber:iq:register'/></iq>");
        assertThat(handled).containsExactly("sasl auth", "jabber:iq:register");
        assertThat(condition(() -> send("<iq xmlns='jabber:client' type='get' id='r2'><query xmlns='jabber:iq:roster'/></iq>")))
                .isEqualTo(Condition.NOT_AUTHORIZED);
        assertThat(condition(() -> send("<message xmlns='jabber:client'><body>hi</body></message>"))).isEqualTo(Condition.NOT_AUTHORIZED);
        assertThat(condition(() -> send("<features xmlns='http://etherx.jabber.org/streams'/>")))
                .isEqualTo(Condition.UNSUPPORTED_STANZA_TYPE);
        assertThat(condition(() -> send("<foo xmlns='urn:example'/>"))).isEqualTo(Condition.INVALID_NAMESPACE);
    }

    @Test
    void afterLogInABindComesFirst() throws Exception {
        conn.openStream();
        conn.authenticated("alice");
        conn.stage(StreamStage.AUTHENTICATED);
        send("<iq xmlns='jabber:client' type='get' id='q1'><query xmlns='jabber:iq:roster'/></iq>");
        assertThat(transport.last()).contains("id=\"q1\"").contains("<not-allowed ").contains("bind a resource first");
        assertThat(condition(() -> send("<presence xmlns='jabber:client'/>"))).isEqualTo(Condition.NOT_AUTHORIZED);
        assertThat(handled).isEmpty();
    }
}
