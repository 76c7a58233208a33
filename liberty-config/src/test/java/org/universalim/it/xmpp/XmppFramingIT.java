package org.universalim.it.xmpp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;
import org.universalim.it.WebSocketHandshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.it.xmpp.RawXmppClient.FRAMING;

/** The XMPP endpoint frame by frame with a raw WebSocket client: RFC 7395 framing, stream errors, limits. */
class XmppFramingIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private String open() {
        return "<open xmlns=\"" + FRAMING + "\" to=\"" + isp.universalDomain() + "\" version=\"1.0\"/>";
    }

    @Test
    void theOpeningHandshakeIsExactlyRfc7395() {
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            assertThat(c.protocol()).isEqualTo("xmpp");
            c.send(open());
            String open = c.next();
            assertThat(open).matches("<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" from=\"isp-a-u\\.example\" "
                    + "id=\"[0-9a-f]{24}\" version=\"1\\.0\" xml:lang=\"en\"/>");
            assertThat(c.next()).isEqualTo("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\">"
                    + "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>SCRAM-SHA-256</mechanism>"
                    + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms>"
                    + "<register xmlns=\"http://jabber.org/features/iq-register\"/></stream:features>");
            c.send("<close xmlns=\"" + FRAMING + "\"/>");
            assertThat(c.next()).isEqualTo("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void afterAuthenticationTheRestartOffersBindAndAnOptionalSession() {
        String user = Users.register(isp, "frank", true);
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send(open());
            c.next(f -> f.startsWith("<stream:features"));
            assertThat(c.scram(user, Users.PASSWORD)).startsWith("<success xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">");
            c.send(open());
            assertThat(c.next()).startsWith("<open ");
            assertThat(c.next()).isEqualTo("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\">"
                    + "<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/>"
                    + "<session xmlns=\"urn:ietf:params:xml:ns:xmpp-session\"><optional/></session>"
                    + "<sm xmlns=\"urn:xmpp:sm:3\"/></stream:features>");
            c.send("<iq xmlns=\"jabber:client\" type=\"set\" id=\"b1\"><bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\">"
                    + "<resource>laptop</resource></bind></iq>");
            assertThat(c.next()).isEqualTo("<iq xmlns=\"jabber:client\" type=\"result\" id=\"b1\">"
                    + "<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"><jid>" + user + "@isp-a-u.example/laptop</jid></bind></iq>");
        }
    }

    @Test
    void badXmlEndsTheStreamWithNotWellFormed() {
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send(open());
            c.next(f -> f.startsWith("<stream:features"));
            c.send("<message><body>unclosed</message>");
            String error = c.next(f -> f.contains("stream:error"));
            assertThat(error).contains("<not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
            assertThat(c.next()).isEqualTo("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void aDoctypeIsRefusedAndTheStreamClosed() {
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send(open());
            c.next(f -> f.startsWith("<stream:features"));
            c.send("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                    + "<message xmlns=\"jabber:client\" to=\"x@isp-a-u.example\"><body>&lol2;</body></message>");
            String error = c.next(f -> f.contains("stream:error"));
            assertThat(error).contains("<restricted-xml xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
            assertThat(c.next()).isEqualTo("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void aDoctypeBeforeTheStreamIsOpenedIsRefusedToo() {
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send("<!DOCTYPE open SYSTEM \"http://127.0.0.1:1/evil.dtd\"><open xmlns=\"" + FRAMING + "\" version=\"1.0\"/>");
            assertThat(c.next()).startsWith("<open ");
            assertThat(c.next()).contains("<restricted-xml xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void anOversizeStanzaIsAPolicyViolation() {
        String user = Users.register(isp, "gina", true);
        try (RawXmppClient c = RawXmppClient.loggedIn(isp, user, Users.PASSWORD, "pc")) {
            c.send("<message xmlns=\"jabber:client\" to=\"" + user + "@isp-a-u.example\"><body>" + "x".repeat(70_000)
                    + "</body></message>");
            String error = c.next(f -> f.contains("stream:error"));
            assertThat(error).contains("<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
                    .contains("65536 bytes");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void anUnknownIqGetsServiceUnavailable() {
        String user = Users.register(isp, "hugo", true);
        try (RawXmppClient c = RawXmppClient.loggedIn(isp, user, Users.PASSWORD, "pc")) {
            c.send("<iq xmlns=\"jabber:client\" type=\"get\" id=\"u1\"><query xmlns=\"urn:example:unknown\"/></iq>");
            assertThat(c.next(f -> f.contains("id=\"u1\""))).isEqualTo("<iq xmlns=\"jabber:client\" type=\"error\" id=\"u1\" to=\""
                    + user + "@isp-a-u.example/pc\"><error type=\"cancel\">"
                    + "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error></iq>");
            // the stream goes on: a ping is answered
            c.send("<iq xmlns=\"jabber:client\" type=\"get\" id=\"p1\"><ping xmlns=\"urn:xmpp:ping\"/></iq>");
            assertThat(c.next(f -> f.contains("id=\"p1\""))).contains("type=\"result\"");
        }
    }

    @Test
    void aStanzaBeforeLogInEndsTheStreamNotAuthorized() {
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send(open());
            c.next(f -> f.startsWith("<stream:features"));
            c.send("<message xmlns=\"jabber:client\" to=\"someone@isp-a-u.example\"><body>hi</body></message>");
            assertThat(c.next(f -> f.contains("stream:error"))).contains("<not-authorized ");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void theLocalDomainIsNotServedOverXmpp() {
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send("<open xmlns=\"" + FRAMING + "\" to=\"isp-a.example\" version=\"1.0\"/>");
            assertThat(c.next()).startsWith("<open ");
            assertThat(c.next()).contains("<host-unknown ").contains("universal domain");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void aLocalOnlyUserIsToldToUpgradeFirst() {
        String user = Users.register(isp, "ivan", false);
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send(open());
            c.next(f -> f.startsWith("<stream:features"));
            String failure = c.scram(user, Users.PASSWORD);
            assertThat(failure).startsWith("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><not-authorized/>")
                    .contains("upgrade to universal first");
        }
    }

    @Test
    void aPageOfAnotherOriginIsRefusedAtTheHandshake() {
        // refused before the upgrade (a browser shows the failed handshake at once), not accepted and closed with 1008
        assertThat(WebSocketHandshake.status(isp.ws("/xmpp-websocket"), "http://evil.example", "xmpp")).isEqualTo(403);
        try (RawXmppClient c = RawXmppClient.connect(isp, "http://127.0.0.1:" + isp.httpPort())) {
            c.send(open());
            assertThat(c.next()).startsWith("<open ");
        }
    }

    @Test
    void aFloodFarBeyondWhatMayWaitEndsTheStreamWithPolicyViolation() {
        // 200 at once, then 50 a second; at most 1,000 more wait their turn (ws.backlog.frames): the rest ends the stream
        String user = Users.register(isp, "rita", true);
        try (RawXmppClient c = RawXmppClient.loggedIn(isp, user, Users.PASSWORD, "pc")) {
            for (int i = 0; i < 3000; i++) {
                try {
                    c.send("<iq xmlns=\"jabber:client\" type=\"get\" id=\"q" + i + "\"><ping xmlns=\"urn:xmpp:ping\"/></iq>");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            c.awaitClose();
            // the stream error, unless the server's TCP reset for the flood's frames it will never read overtook it
            assertThat(c.frames()).filteredOn(f -> f.startsWith("<stream:error")).allMatch(f -> f.contains(
                    "<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>") && f.contains("slow down"));
            assertThat(c.frames()).as("nothing is refused one by one").noneMatch(f -> f.contains("urn:ietf:params:xml:ns:xmpp-stanzas"));
            assertThat(c.frames().stream().filter(f -> f.contains("type=\"result\" id=\"q")).count())
                    // at most the burst, what the rate let through and the backlog; fewer than the burst can be seen when
                    // the reset discards answers the client had not read yet (199 of 200 once in CI)
                    .as("answered before the end: the burst and what the rate let through").isBetween(1L, 1200L);
        }
    }

    @Test
    void aMessageToNobodyComesBackAsAnError() {
        String user = Users.register(isp, "sven", true);
        try (RawXmppClient c = RawXmppClient.loggedIn(isp, user, Users.PASSWORD, "pc")) {
            c.send("<message xmlns=\"jabber:client\" to=\"nobody-here@isp-a-u.example\" id=\"m1\" type=\"chat\">"
                    + "<body>hello?</body></message>");
            assertThat(c.next(f -> f.contains("id=\"m1\""))).startsWith("<message xmlns=\"jabber:client\" type=\"error\" id=\"m1\" "
                    + "from=\"nobody-here@isp-a-u.example\"").contains("<item-not-found ");
        }
    }

    @Test
    void hostMetaAdvertisesTheWebSocketEndpoint() {
        Http.Answer xrd = Http.get(isp.uri("/.well-known/host-meta"));
        assertThat(xrd.status()).isEqualTo(200);
        assertThat(xrd.body()).contains("rel='urn:xmpp:alt-connections:websocket'")
                .contains("href='ws://127.0.0.1:" + isp.httpPort() + "/xmpp-websocket'");
        Http.Answer json = Http.get(isp.uri("/.well-known/host-meta.json"));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().getJsonArray("links").getJsonObject(0).getString("href"))
                .isEqualTo("ws://127.0.0.1:" + isp.httpPort() + "/xmpp-websocket");
    }
}
