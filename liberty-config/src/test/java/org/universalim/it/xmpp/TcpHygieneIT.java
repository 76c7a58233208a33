package org.universalim.it.xmpp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile XML over XMPP over TCP (docs/xmpp-tcp.md, docs/security.md): what the WebSocket door refuses is refused here
 * the same way, with the stream error of RFC 6120 and the connection closed, and the server goes on answering at once.
 */
class TcpHygieneIT {

    private static final String ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    private static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='isp-a-u.example' version='1.0'>";

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    /** The stream error the server ends the stream with, after which it closes the connection. */
    private static String streamError(RawTcpXmpp c) {
        String error = c.await("</stream:stream>");
        assertThat(error).contains("<stream:error");
        assertThat(c.awaitClosed(RawTcpXmpp.WAIT)).as("the server closes the connection").isTrue();
        assertThat(error).doesNotContain("Exception").doesNotContain("org.").doesNotContain("javax.").doesNotContain("com.");
        return error;
    }

    private static void answersAtOnce() {
        long began = System.nanoTime();
        assertThat(Http.get(isp.uri("/health/ready")).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aDoctypeIsRestrictedXml() {
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.send("<?xml version='1.0'?><!DOCTYPE stream:stream SYSTEM 'http://127.0.0.1:1/evil.dtd'>" + HEADER);
            assertThat(streamError(c)).contains("<restricted-xml xmlns=\"" + ERRORS + "\"/>");
        }
        answersAtOnce();
    }

    @Test
    void theBillionLaughsAreRestrictedXmlBeforeAnyEntityIsRead() {
        StringBuilder laughs = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("'>");
        }
        laughs.append("]>").append(HEADER).append("<message to='x@isp-a-u.example'><body>&lol9;</body></message>");
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.send(laughs.toString());
            assertThat(streamError(c)).contains("<restricted-xml xmlns=\"" + ERRORS + "\"/>");
        }
        answersAtOnce();
    }

    @Test
    void anEntityReferenceOrACommentInsideTheStreamIsRefused() {
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.open();
            c.send("<message to='x@isp-a-u.example'><body>&xxe;</body></message>");
            assertThat(streamError(c)).containsAnyOf("<restricted-xml xmlns=\"" + ERRORS + "\"/>",
                    "<not-well-formed xmlns=\"" + ERRORS + "\"/>");
        }
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.open();
            c.send("<!-- hello -->");
            assertThat(streamError(c)).contains("<restricted-xml xmlns=\"" + ERRORS + "\"/>");
        }
        answersAtOnce();
    }

    @Test
    void anOverLongStanzaIsAPolicyViolationAlsoWhenLoggedIn() {
        String user = Users.register(isp, "gina", true);
        try (RawTcpXmpp c = RawTcpXmpp.directTls(isp)) {
            c.open();
            assertThat(c.logIn(user, Users.PASSWORD, "pc")).contains("<jid>" + user + "@isp-a-u.example/pc</jid>");
            c.send("<message to='" + user + "@isp-a-u.example'><body>" + "x".repeat(70_000) + "</body></message>");
            assertThat(streamError(c)).contains("<policy-violation xmlns=\"" + ERRORS + "\"/>").contains("65536 bytes");
        }
        answersAtOnce();
    }

    @Test
    void anEndlessStanzaIsCutOffAtTheLimitNotBuffered() {
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.open();
            c.send("<message to='x@isp-a-u.example'><body>");
            // 1 MiB of body that never ends: the server stops at 64 KiB
            byte[] chunk = "y".repeat(16_384).getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < 64; i++) {
                    c.sendBytes(chunk);
                }
            } catch (RuntimeException closedMeanwhile) {
                // the server may close while the client still writes
            }
            assertThat(streamError(c)).contains("<policy-violation xmlns=\"" + ERRORS + "\"/>");
        }
        answersAtOnce();
    }

    @Test
    void deepNestingIsAPolicyViolation() {
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.open();
            c.send("<message to='x@isp-a-u.example'>" + "<a>".repeat(200));
            assertThat(streamError(c)).contains("<policy-violation xmlns=\"" + ERRORS + "\"/>");
        }
        answersAtOnce();
    }

    @Test
    void textThatIsNotXmlIsNotWellFormed() {
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.send("GET / HTTP/1.1\r\nHost: isp-a-u.example\r\n\r\n");
            assertThat(streamError(c)).contains("<not-well-formed xmlns=\"" + ERRORS + "\"/>");
        }
        answersAtOnce();
    }
}
