package org.universalim.it.xmpp;

import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server Dialback (XEP-0220) as the fallback for a remote server without a certificate we accept: it connects (TLS, no
 * client certificate), gets no SASL EXTERNAL but dialback, and sends a key; we ask its authoritative server
 * ({@link AuthoritativeServer}, reached by the static route of {@code dialback.example}) over a connection of our own,
 * and take its stanzas only when that server confirms the key. And we answer, as the authoritative server, a
 * {@code db:verify} of a key that is not ours with {@code invalid}.
 */
class S2sDialbackIT {

    static final String DOMAIN = "dialback.example";
    static IspServer isp;
    static AuthoritativeServer authoritative;
    /** The authoritative server of the one domain the test servers allow without TLS ({@code xmpp.s2s.insecure.domain}). */
    static AuthoritativeServer plain;

    @BeforeAll
    static void start() throws Exception {
        isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
        authoritative = new AuthoritativeServer(DOMAIN, Integer.getInteger("it.port.base", 19000) + 292);
        plain = new AuthoritativeServer("plain.example", Integer.getInteger("it.port.base", 19000) + 293);
    }

    @AfterAll
    static void stop() throws Exception {
        if (authoritative != null) {
            authoritative.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    @Test
    void aKeyTheAuthoritativeServerConfirmsLetsItsStanzasIn() throws Exception {
        String alice = Users.register(isp, "alice", true);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        List<Message> got = new CopyOnWriteArrayList<>();
        ChatManager.getInstanceFor(a).addIncomingListener((from, message, chat) -> got.add(message));
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.startTls(DOMAIN, FederationPki.anonymousContext());
            String features = peer.until("</stream:features>");
            assertThat(features).contains("urn:xmpp:features:dialback").doesNotContain("EXTERNAL");
            authoritative.owns("good-key-1");
            peer.send("<db:result from='" + DOMAIN + "' to='" + isp.universalDomain() + "'>good-key-1</db:result>");
            assertThat(peer.until("/>")).contains("<db:result").contains("type=\"valid\"");
            assertThat(authoritative.asked).contains("good-key-1");
            peer.send("<message from='bob@" + DOMAIN + "/x' to='" + alice + "@" + isp.universalDomain()
                    + "' type='chat' id='m1'><body>hello by dialback</body></message>");
            await().atMost(Duration.ofSeconds(20)).until(() -> got.stream().anyMatch(m -> "hello by dialback".equals(m.getBody())));
        } finally {
            a.disconnect();
        }
    }

    @Test
    void onlyTheDomainAllowedWithoutTlsMaySkipItAndItAuthenticatesByDialback() throws Exception {
        String alice = Users.register(isp, "alice", true);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        List<Message> got = new CopyOnWriteArrayList<>();
        ChatManager.getInstanceFor(a).addIncomingListener((from, message, chat) -> got.add(message));
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.header("plain.example");
            String features = peer.until("</stream:features>");
            assertThat(features).contains("<starttls").doesNotContain("<required/>").contains("urn:xmpp:features:dialback");
            plain.owns("plain-key-1");
            peer.send("<db:result from='plain.example' to='" + isp.universalDomain() + "'>plain-key-1</db:result>");
            assertThat(peer.until("/>")).contains("type=\"valid\"");
            peer.send("<message from='carl@plain.example/x' to='" + alice + "@" + isp.universalDomain()
                    + "' type='chat' id='p1'><body>hello in the clear</body></message>");
            await().atMost(Duration.ofSeconds(20)).until(() -> got.stream().anyMatch(m -> "hello in the clear".equals(m.getBody())));
        } finally {
            a.disconnect();
        }
        // any other domain must start TLS first
        try (RawS2s other = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            other.header(DOMAIN);
            assertThat(other.until("</stream:features>")).contains("<required/>").doesNotContain("urn:xmpp:features:dialback");
            other.send("<db:result from='" + DOMAIN + "' to='" + isp.universalDomain() + "'>good-key-1</db:result>");
            assertThat(other.until("</stream:stream>")).contains("<not-authorized");
        }
    }

    @Test
    void aKeyTheAuthoritativeServerDoesNotKnowEndsTheStream() throws Exception {
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.startTls(DOMAIN, FederationPki.anonymousContext());
            peer.until("</stream:features>");
            peer.send("<db:result from='" + DOMAIN + "' to='" + isp.universalDomain() + "'>forged-key</db:result>");
            String answer = peer.until("</stream:stream>");
            assertThat(answer).contains("type=\"invalid\"");
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void aKeyThatIsNotOursIsAnsweredInvalid() throws Exception {
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.startTls(DOMAIN, FederationPki.anonymousContext());
            peer.until("</stream:features>");
            peer.send("<db:verify from='" + DOMAIN + "' to='" + isp.universalDomain() + "' id='some-stream'>not-our-key</db:verify>");
            assertThat(peer.until("/>")).contains("<db:verify").contains("type=\"invalid\"").contains("id=\"some-stream\"");
        }
    }
}
