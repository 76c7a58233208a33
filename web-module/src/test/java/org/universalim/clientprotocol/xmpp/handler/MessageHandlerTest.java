package org.universalim.clientprotocol.xmpp.handler;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.RecordingTransport;
import org.universalim.clientprotocol.xmpp.SenderJids;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.extension.ImExtension;
import org.universalim.clientprotocol.xmpp.extension.OriginIdExtension;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SendRequest;
import org.universalim.routing.boundary.SendResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.routing.entity.ImMessage.Keeping.ARCHIVED;
import static org.universalim.routing.entity.ImMessage.Keeping.TRANSIENT;

/** What becomes of a message a client sends: the request to the routing core, or the error coming back. */
class MessageHandlerTest {

    private final List<SendRequest> sent = new CopyOnWriteArrayList<>();
    private final List<Boolean> copies = new CopyOnWriteArrayList<>();
    private volatile SendResult answer = new SendResult("m-1", SendResult.SENT, "pc", null, null);
    private MessageHandler handler;
    private XmppConnection conn;
    private List<String> written;

    @BeforeEach
    void setUp() {
        MessageService messages = new MessageService() {
            @Override
            public CompletionStage<SendResult> send(String senderUser, String device, SendRequest request, boolean copy) {
                sent.add(request);
                copies.add(copy);
                return CompletableFuture.completedFuture(answer);
            }
        };
        handler = MessageHandler.with(messages, new SenderJids(), List.of(new ImExtension(), new OriginIdExtension()));
        conn = RecordingTransport.bound("alice@isp-a-u.example", "pc");
        written = ((RecordingTransport) conn.transport()).written;
    }

    private void message(String xml) throws Exception {
        handler.handle(conn, new StanzaReader().read(xml));
    }

    @Test
    void aFullJidIsSentToItsBareJidWithTheUniversalFormatsApplicationAndLevel() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example/phone' type='chat' id='m1'><body>hi</body>"
                + "<im xmlns='urn:universal-im:message:1' application='voice' security-level=' 2 '/></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example'><body>plain</body></message>");
        assertThat(sent).containsExactly(new SendRequest("bob@isp-a-u.example", "hi", "voice", 2, null, "m1", null, ARCHIVED),
                new SendRequest("bob@isp-a-u.example", "plain", null, 0, null, null, null, ARCHIVED));
        assertThat(written).isEmpty();
    }

    @Test
    void chatAndNormalMessagesAreCopiedHeadlinesAndPrivateOnesAreNot() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example'><body>normal</body></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' type='headline'><body>news</body></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' type='chat'><body>p</body><private xmlns='urn:xmpp:carbons:2'/></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' type='chat'><body>n</body><no-copy xmlns='urn:xmpp:hints'/></message>");
        assertThat(copies).containsExactly(true, true, false, false, false);
    }

    @Test
    void theOriginIdIsTheClientIdAndTheStanzaIdIsNot() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='1'><body>hi</body>"
                + "<origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546014'/></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='2'><body>no origin-id</body></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='3'><body>x</body><origin-id xmlns='urn:xmpp:sid:0'/></message>");
        // the origin-id is carried to the recipient as it is (XEP-0359); the stanza's id is shown as the message's id
        assertThat(sent).containsExactly(new SendRequest("bob@isp-a-u.example", "hi", null, 0, "de305d54-75b4-431b-adb2-eb6b9e546014",
                        "1", "<origin-id xmlns=\"urn:xmpp:sid:0\" id=\"de305d54-75b4-431b-adb2-eb6b9e546014\"/>", ARCHIVED),
                new SendRequest("bob@isp-a-u.example", "no origin-id", null, 0, null, "2", null, ARCHIVED));
        assertThat(written).singleElement().satisfies(w -> assertThat(w).contains("id=\"3\"").contains("<bad-request "));
    }

    @Test
    void aMessageMarkedPrivateOrNoCopyIsNotCopiedToOtherDevices() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example'><body>copied</body></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example'><body>private</body><private xmlns='urn:xmpp:carbons:2'/></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example'><body>no copy</body><no-copy xmlns='urn:xmpp:hints'/></message>");
        assertThat(copies).containsExactly(true, false, false);
    }

    @Test
    void aChatStateAloneIsSentToBeKeptNowhere() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='c1'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
        assertThat(sent).containsExactly(new SendRequest("bob@isp-a-u.example", "", null, 0, null, "c1",
                "<composing xmlns=\"http://jabber.org/protocol/chatstates\"/>", TRANSIENT));
    }

    @Test
    void aMarkerAloneIsSentToBeArchived() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='d1'><displayed xmlns='urn:xmpp:chat-markers:0' id='m7'/></message>");
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.body()).isEmpty();
            assertThat(r.keeping()).isEqualTo(ARCHIVED);
            assertThat(r.extensions()).isEqualTo("<displayed xmlns=\"urn:xmpp:chat-markers:0\" id=\"m7\"/>");
        });
    }

    @Test
    void whatOnlyServersWriteIsNotCarried() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='f1'><body>hi</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='bob@isp-a-u.example' id='forged'/>"
                + "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'/></received>"
                + "<delay xmlns='urn:xmpp:delay' stamp='2001-01-01T00:00:00Z'/></message>");
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.extensions()).isNull());
    }

    @Test
    void extensionsBeyondTheBoundsAreRefusedAsAPolicyViolation() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='deep'><body>x</body><x xmlns='urn:example'>"
                + "<a>".repeat(8) + "</a>".repeat(8) + "</x></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='many'><body>x</body>"
                + "<x xmlns='urn:example'/>".repeat(17) + "</message>");
        assertThat(sent).isEmpty();
        assertThat(written).hasSize(2).allSatisfy(w -> assertThat(w).contains("<policy-violation ").contains("type=\"modify\""));
        assertThat(written.get(0)).contains("id=\"deep\"").contains("nests 9 deep, at most 8");
        assertThat(written.get(1)).contains("id=\"many\"").contains("at most 16");
    }

    @Test
    void withoutABodyOrAnyExtensionOrAsAnErrorNothingIsSent() throws Exception {
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example'><no-store xmlns='urn:xmpp:hints'/></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' type='error'><body>x</body></message>");
        assertThat(sent).isEmpty();
        assertThat(written).isEmpty();
    }

    @Test
    void aClientsErrorToAFullJidIsSentKeptNowhereUncopiedAndNeverAnsweredWithAnError() throws Exception {
        answer = SendResult.failed("m-3", "unknown_recipient", "there is no user bob@isp-a-u.example at this ISP");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example/phone' type='error' id='b-9'>"
                + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
                + "<encrypted xmlns='eu.siacs.conversations.axolotl'/></message>");
        // RFC 6121 8.5.2.1.1: one to a bare JID is ignored; one without its <error/> is no error
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' type='error' id='b-10'>"
                + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example/phone' type='error' id='b-11'><body>x</body></message>");
        message("<message xmlns='jabber:client' to='@@/x' type='error' id='b-12'><error type='cancel'/></message>");
        assertThat(sent).containsExactly(new SendRequest("bob@isp-a-u.example", "", null, 0, null, "b-9",
                "<error xmlns=\"jabber:client\" type=\"cancel\"><service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error>"
                        + "<encrypted xmlns=\"eu.siacs.conversations.axolotl\"/>", TRANSIENT, "phone"));
        assertThat(copies).containsExactly(false);
        assertThat(written).as("no error for an error (RFC 6120 8.3.1)").isEmpty();
    }

    @Test
    void wrongAddressesAndLevelsAreStanzaErrors() throws Exception {
        message("<message xmlns='jabber:client' to='@@' id='e1'><body>x</body></message>");
        message("<message xmlns='jabber:client' to='isp-a-u.example' id='e2'><body>x</body></message>");
        message("<message xmlns='jabber:client' to='bob@isp-a-u.example' id='e3'><body>x</body>"
                + "<im xmlns='urn:universal-im:message:1' security-level='high'/></message>");
        assertThat(sent).isEmpty();
        assertThat(written).hasSize(3);
        assertThat(written.get(0)).startsWith("<message xmlns=\"jabber:client\" type=\"error\" id=\"e1\"").contains("<jid-malformed ");
        assertThat(written.get(1)).contains("<service-unavailable ").contains("the server takes no messages");
        assertThat(written.get(2)).contains("<bad-request ").contains("security-level is 0 to 3");
    }

    @Test
    void aRefusalComesBackAsTheMatchingError() throws Exception {
        answer = SendResult.failed("m-2", "unknown_recipient", "there is no user nobody@isp-a-u.example at this ISP");
        message("<message xmlns='jabber:client' to='nobody@isp-a-u.example' id='r1'><body>hello?</body></message>");
        assertThat(written).singleElement().satisfies(w -> assertThat(w).isEqualTo("<message xmlns=\"jabber:client\" type=\"error\" "
                + "id=\"r1\" from=\"nobody@isp-a-u.example\" to=\"alice@isp-a-u.example/pc\"><error type=\"cancel\">"
                + "<item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/><text xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\" "
                + "xml:lang=\"en\">there is no user nobody@isp-a-u.example at this ISP</text></error></message>"));
    }

    @Test
    void eachRefusalCodeHasItsCondition() {
        assertThat(MessageHandler.refused(SendResult.failed("m", "remote_unreachable", "down")).condition())
                .isEqualTo("remote-server-not-found");
        assertThat(MessageHandler.refused(SendResult.failed("m", "offline_storage_full", "full")))
                .satisfies(e -> assertThat(e.type() + " " + e.condition()).isEqualTo("wait resource-constraint"));
        assertThat(MessageHandler.refused(SendResult.failed("m", null, "?")).condition()).isEqualTo("undefined-condition");
    }
}
