package org.universalim.it.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.ScramClient;
import org.universalim.it.Users;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SASL PLAIN sends the password itself: the XMPP endpoint offers and accepts it only on TLS connections
 * (wss://) or behind a TLS-terminating proxy the administrator declared trusted; SCRAM everywhere.
 */
class PlainMechanismIT {

    private static final Pattern MECHANISM = Pattern.compile("<mechanism>([^<]+)</mechanism>");

    static IspServer isp;
    static IspServer behindProxy;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
        behindProxy = GuardedServer.start();
    }

    @Test
    void overPlaintextWsPlainIsNeitherOfferedNorAcceptedButScramIs() {
        String user = Users.register(isp, "olga", true);
        try (RawWebSocket ws = xmpp(isp, RawWebSocket.Options.plain())) {
            assertThat(mechanisms(Doors.features(ws, isp))).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
            assertThat(plain(ws, user)).isEqualTo("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><encryption-required/>"
                    + "<text xml:lang=\"en\">PLAIN is offered over TLS only: use SCRAM</text></failure>");
            assertThat(Doors.scram(ws, user, Users.PASSWORD)).startsWith("<success");
        }
    }

    @Test
    void overTlsPlainIsOfferedAndWorks() {
        String user = Users.register(isp, "paul", true);
        try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", isp.httpsPort(), "/xmpp-websocket",
                RawWebSocket.Options.plain().tlsOn().protocol("xmpp"))) {
            assertThat(ws.status()).isEqualTo(101);
            assertThat(mechanisms(Doors.features(ws, isp))).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
            assertThat(plain(ws, user)).isEqualTo("<success xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"/>");
        }
    }

    @Test
    void aClientSayingItsConnectionIsHttpsIsNotBelievedUnlessItIsATrustedProxy() {
        // ISP A trusts no proxy; nor the WebSphere plug-in's private header saying "secure"
        try (RawWebSocket ws = xmpp(isp, RawWebSocket.Options.plain().header("X-Forwarded-Proto", "https"))) {
            assertThat(mechanisms(Doors.features(ws, isp))).doesNotContain("PLAIN");
        }
        try (RawWebSocket ws = xmpp(isp, RawWebSocket.Options.plain().header("$WSIS", "true").header("$WSSC", "https"))) {
            assertThat(mechanisms(Doors.features(ws, isp))).doesNotContain("PLAIN");
        }
        // the guarded server trusts 127.0.0.1 only: 127.0.0.2 is a client like any other
        try (RawWebSocket ws = xmpp(behindProxy, RawWebSocket.Options.plain().from("127.0.0.2")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "192.0.2.1"))) {
            assertThat(mechanisms(Doors.features(ws, behindProxy))).doesNotContain("PLAIN");
        }
    }

    @Test
    void behindATrustedTlsTerminatingProxyPlainIsOffered() {
        String user = Users.register(behindProxy, "quinn", true);
        try (RawWebSocket ws = xmpp(behindProxy, RawWebSocket.Options.plain().from("127.0.0.1")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", GuardedServer.freshAddress()))) {
            assertThat(mechanisms(Doors.features(ws, behindProxy))).contains("PLAIN");
            assertThat(plain(ws, user)).isEqualTo("<success xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"/>");
        }
        // the proxy's own plaintext connections (no X-Forwarded-Proto: https) get no PLAIN
        try (RawWebSocket ws = xmpp(behindProxy, RawWebSocket.Options.plain().header("X-Forwarded-Proto", "http"))) {
            assertThat(mechanisms(Doors.features(ws, behindProxy))).doesNotContain("PLAIN");
        }
    }

    private static RawWebSocket xmpp(IspServer server, RawWebSocket.Options options) {
        RawWebSocket ws = RawWebSocket.open("127.0.0.1", server.httpPort(), "/xmpp-websocket", options.protocol("xmpp"));
        assertThat(ws.status()).isEqualTo(101);
        return ws;
    }

    private static String plain(RawWebSocket ws, String user) {
        ws.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                + ScramClient.base64("\0" + user + "\0" + Users.PASSWORD) + "</auth>");
        return ws.next();
    }

    private static List<String> mechanisms(String features) {
        Matcher m = MECHANISM.matcher(features);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
