package org.universalim.clientprotocol.xmpp.handler;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.RecordingTransport;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** How an IQ of a bound resource reaches its handler, or is answered without one. */
class StanzaRouterTest {

    private final List<IqRequest> toServer = new CopyOnWriteArrayList<>();
    private final List<IqRequest> toAccounts = new CopyOnWriteArrayList<>();
    private final StanzaRouter router = new StanzaRouter();
    private XmppConnection conn;
    private List<String> written;

    @BeforeEach
    void setUp() {
        IqHandler serverOnly = new IqHandler() {
            @Override
            public List<QName> handles() {
                return List.of(new QName("urn:example:server", "query"));
            }

            @Override
            public void handle(IqRequest request) {
                toServer.add(request);
                request.result(null);
            }
        };
        IqHandler forAccounts = new IqHandler() {
            @Override
            public List<QName> handles() {
                return List.of(new QName("urn:example:account", "query"));
            }

            @Override
            public boolean answersForAccounts() {
                return true;
            }

            @Override
            public void handle(IqRequest request) {
                toAccounts.add(request);
            }
        };
        router.iqs = IqHandlers.of(List.of(serverOnly, forAccounts));
        conn = RecordingTransport.bound("alice@isp-a-u.example", "pc");
        written = ((RecordingTransport) conn.transport()).written;
    }

    private void iq(String xml) throws XmppStreamException {
        router.route(conn, new StanzaReader().read(xml));
    }

    @Test
    void anIqToTheServerReachesItsHandler() throws Exception {
        iq("<iq xmlns='jabber:client' type='get' id='1'><query xmlns='urn:example:server'/></iq>");
        iq("<iq xmlns='jabber:client' type='get' id='2' to='isp-a-u.example'><query xmlns='urn:example:server'/></iq>");
        iq("<iq xmlns='jabber:client' type='set' id='3' to='alice@isp-a-u.example'><query xmlns='urn:example:server'/></iq>");
        assertThat(toServer).extracting(r -> r.iq().attribute("id")).containsExactly("1", "2", "3");
        assertThat(toServer.get(0).aboutServer()).isTrue();
        assertThat(written).containsExactly(
                "<iq xmlns=\"jabber:client\" type=\"result\" id=\"1\" to=\"alice@isp-a-u.example/pc\"/>",
                "<iq xmlns=\"jabber:client\" type=\"result\" id=\"2\" from=\"isp-a-u.example\" to=\"alice@isp-a-u.example/pc\"/>",
                "<iq xmlns=\"jabber:client\" type=\"result\" id=\"3\" from=\"alice@isp-a-u.example\" to=\"alice@isp-a-u.example/pc\"/>");
    }

    @Test
    void anIqToAnotherUserReachesOnlyAHandlerThatAnswersForAccounts() throws Exception {
        iq("<iq xmlns='jabber:client' type='get' id='a1' to='bob@isp-a-u.example'><query xmlns='urn:example:account'/></iq>");
        assertThat(toAccounts).singleElement().satisfies(r -> assertThat(r.to().toString()).isEqualTo("bob@isp-a-u.example"));

        iq("<iq xmlns='jabber:client' type='get' id='a2' to='bob@isp-a-u.example'><query xmlns='urn:example:server'/></iq>");
        iq("<iq xmlns='jabber:client' type='get' id='a3' to='bob@isp-a-u.example/phone'><query xmlns='urn:example:account'/></iq>");
        iq("<iq xmlns='jabber:client' type='get' id='a4' to='isp-b-u.example'><query xmlns='urn:example:server'/></iq>");
        assertThat(toServer).isEmpty();
        assertThat(toAccounts).hasSize(1);
        assertThat(written).hasSize(3).allSatisfy(w -> assertThat(w).contains("type=\"error\"").contains("<service-unavailable "));
    }

    @Test
    void everyGetOrSetIsAnsweredEvenWithoutAHandler() throws Exception {
        iq("<iq xmlns='jabber:client' type='get' id='u1'><query xmlns='urn:example:unknown'/></iq>");
        assertThat(written).containsExactly("<iq xmlns=\"jabber:client\" type=\"error\" id=\"u1\" to=\"alice@isp-a-u.example/pc\">"
                + "<error type=\"cancel\"><service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error></iq>");
    }

    @Test
    void malformedIqsAreRefusedAndAnswersAreNotAnswered() throws Exception {
        iq("<iq xmlns='jabber:client' type='get'><query xmlns='urn:example:server'/></iq>");
        iq("<iq xmlns='jabber:client' type='get' id='b2'><query xmlns='urn:example:server'/><query xmlns='urn:example:server'/></iq>");
        iq("<iq xmlns='jabber:client' type='get' id='b3' to='@@'><query xmlns='urn:example:server'/></iq>");
        iq("<iq xmlns='jabber:client' type='result' id='push-1'/>");
        iq("<iq xmlns='jabber:client' type='error' id='push-2'><query xmlns='urn:example:server'/></iq>");
        assertThat(toServer).isEmpty();
        assertThat(written).hasSize(3);
        assertThat(written.get(0)).contains("<bad-request ").contains("an iq has an id");
        assertThat(written.get(1)).contains("<bad-request ").contains("exactly one child");
        assertThat(written.get(2)).contains("<jid-malformed ");
    }

    @Test
    void iqsToAResourceAndTheirAnswersGoToTheIqRoutingButNotAnAnswerToOneself() throws Exception {
        List<String> routed = new CopyOnWriteArrayList<>();
        router.iqRouting = new org.universalim.clientprotocol.xmpp.messaging.IqRouting() {
            @Override
            public void route(org.universalim.clientprotocol.xmpp.XmppSession session, org.universalim.clientprotocol.xmpp.XmlElement iq,
                              org.universalim.clientprotocol.xmpp.Jid to) {
                routed.add(iq.attribute("id") + " " + to);
            }
        };
        iq("<iq xmlns='jabber:client' type='get' id='r1' to='bob@isp-a-u.example/phone'><query xmlns='jabber:iq:version'/></iq>");
        iq("<iq xmlns='jabber:client' type='result' id='r2' to='bob@isp-b-u.example/laptop'/>");
        iq("<iq xmlns='jabber:client' type='result' id='r3' to='alice@isp-a-u.example/pc'/>");
        iq("<iq xmlns='jabber:client' type='odd' id='r4' to='bob@isp-a-u.example/phone'><query xmlns='jabber:iq:version'/></iq>");
        iq("<iq xmlns='jabber:client' type='get' id='r5' to='bob@isp-a-u.example'><query xmlns='urn:example:account'/></iq>");
        assertThat(routed).containsExactly("r1 bob@isp-a-u.example/phone", "r2 bob@isp-b-u.example/laptop");
        assertThat(written).singleElement().satisfies(w -> assertThat(w).contains("id=\"r4\"").contains("<bad-request "));
        assertThat(toAccounts).hasSize(1);
    }
}
