package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.ScramClient;
import org.universalim.it.Users;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.universalim.it.xmpp.SmackClients.await;
import static org.universalim.it.xmpp.SmackClients.jid;

/**
 * Native clients over XMPP over TCP (RFC 6120, docs/xmpp-tcp.md): STARTTLS required before authentication on the c2s
 * port, direct TLS (XEP-0368) on the other, the ISP's certificate, and the same users, rosters, presence and messages
 * as the WebSocket and Local doors.
 */
class XmppTcpIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void smackWithStartTlsLogsInWithScramAndChatsWithAWebSocketUser() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        EntityBareJid aliceJid = jid(isp, alice);
        EntityBareJid bobJid = jid(isp, bob);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        ModularXmppClientToServerConnection b = SmackClients.login(isp, bob, "browser", null);
        try {
            assertThat(a.isSecureConnection()).isTrue();
            assertThat(a.getUsedSaslMechansism()).startsWith("SCRAM-SHA-");
            assertThat(a.getUser().toString()).isEqualTo(alice + "@isp-a-u.example/desktop");
            assertThat(Roster.getInstanceFor(a).getEntries()).isEmpty();

            // one after the other: each approves the other's request (the TCP client first asks, then answers)
            Roster.getInstanceFor(a).addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.Approve);
            Roster.getInstanceFor(b).addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.Approve);
            Roster.getInstanceFor(a).createItemAndRequestSubscription(bobJid, "Bob", null);
            await().until(() -> Roster.getInstanceFor(a).getPresence(bobJid).isAvailable());
            Roster.getInstanceFor(b).createItemAndRequestSubscription(aliceJid, "Alice", null);
            await().until(() -> Roster.getInstanceFor(b).getPresence(aliceJid).isAvailable());
            assertThat(Roster.getInstanceFor(b).getPresence(aliceJid).getFrom().toString()).isEqualTo(alice + "@isp-a-u.example/desktop");

            List<Message> toAlice = new CopyOnWriteArrayList<>();
            List<Message> toBob = new CopyOnWriteArrayList<>();
            ChatManager.getInstanceFor(a).addIncomingListener((from, m, chat) -> toAlice.add(m));
            ChatManager.getInstanceFor(b).addIncomingListener((from, m, chat) -> toBob.add(m));
            ChatManager.getInstanceFor(a).chatWith(bobJid).send("over TCP");
            await().until(() -> toBob.stream().anyMatch(m -> "over TCP".equals(m.getBody())
                    && m.getFrom().toString().equals(alice + "@isp-a-u.example/desktop")));
            ChatManager.getInstanceFor(b).chatWith(aliceJid).send("over WebSocket");
            await().until(() -> toAlice.stream().anyMatch(m -> "over WebSocket".equals(m.getBody())));
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void smackWithDirectTlsLogsInAndChatsWithALocalUser() throws Exception {
        String carol = Users.register(isp, "carol", true);
        String dave = Users.register(isp, "dave", true);
        XMPPTCPConnection c = TcpClients.directTls(isp, carol, Users.PASSWORD, "phone");
        Roster.getInstanceFor(c).addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.Approve);
        List<Message> toCarol = new CopyOnWriteArrayList<>();
        ChatManager.getInstanceFor(c).addIncomingListener((from, m, chat) -> toCarol.add(m));
        TcpClients.login(c);
        try (LocalClient d = LocalClient.login(isp, dave, "pc")) {
            assertThat(c.getUser().toString()).isEqualTo(carol + "@isp-a-u.example/phone");
            d.request("roster.add", Json.createObjectBuilder().add("contact", carol + "@isp-a-u.example"));
            d.awaitPush("subscription.answer", f -> f.getBoolean("approved"));

            ChatManager.getInstanceFor(c).chatWith(jid(isp, dave)).send("over direct TLS");
            JsonObject got = d.awaitPush("message", f -> f.getString("from").equals(carol + "@isp-a-u.example"));
            assertThat(got.getString("xml")).contains("<body>over direct TLS</body>");
            JsonObject sent = d.request("message.send", Json.createObjectBuilder().add("to", carol + "@isp-a-u.example")
                    .add("body", "from Local"));
            await().until(() -> toCarol.stream().anyMatch(m -> "from Local".equals(m.getBody())));
            d.awaitPush("receipt", f -> f.getString("messageId").equals(sent.getString("messageId"))
                    && f.getString("status").equals("delivered"));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void beforeTlsOnlyStartTlsIsOfferedAndNoMechanismIsAccepted() {
        String user = Users.register(isp, "erin", true);
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            String features = c.open();
            assertThat(features).contains("<starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"><required/></starttls>")
                    .doesNotContain("<mechanisms").doesNotContain("PLAIN");
            // PLAIN (the password itself) and SCRAM alike: encryption-required (RFC 6120 6.5.4), the password unread
            c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + ScramClient.base64("\0" + user + "\0" + Users.PASSWORD) + "</auth>");
            assertThat(c.await("</failure>")).contains("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><encryption-required/>");
            assertThat(c.scram(user, Users.PASSWORD)).contains("<encryption-required/>");

            X509Certificate certificate = c.startTls();
            assertThat(certificate.getIssuerX500Principal().getName()).contains("Universal IM test federation CA");
            String secured = c.open();
            assertThat(secured).doesNotContain("starttls").contains("<mechanism>SCRAM-SHA-256</mechanism>")
                    .contains("<mechanism>PLAIN</mechanism>");
            c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + ScramClient.base64("\0" + user + "\0" + Users.PASSWORD) + "</auth>");
            assertThat(c.awaitAny("<success", "<failure")).contains("<success");
        }
    }

    @Test
    void aStanzaBeforeTlsEndsTheStreamNotAuthorized() {
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.open();
            c.send("<message to='nobody@isp-a-u.example'><body>in clear</body></message>");
            assertThat(c.await("</stream:stream>")).contains("<not-authorized xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
            assertThat(c.awaitClosed(RawTcpXmpp.WAIT)).isTrue();
        }
    }

    @Test
    void aClientThatWillNotDoTlsCannotLogIn() {
        String user = Users.register(isp, "fred", true);
        XMPPTCPConnection c = TcpClients.withoutTls(isp, user, Users.PASSWORD, "old");
        try {
            assertThatThrownBy(() -> c.connect().login()).isInstanceOf(SmackException.SecurityRequiredByServerException.class);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void theIspsCertificateIsReloadedForNewConnectionsWithoutARestart() throws Exception {
        X509Certificate before;
        try (RawTcpXmpp c = RawTcpXmpp.directTls(isp)) {
            before = c.certificate();
            assertThat(TlsNames.names(before)).contains(isp.universalDomain(), isp.domain());
        }
        // the administrator puts a new key and certificate in place of the default key store
        java.nio.file.Path renewed = FederationPki.serverKeystore(isp.domain(), isp.universalDomain(), isp.keystorePassword());
        java.nio.file.Path next = isp.defaultKeystore().resolveSibling("key.p12.next");
        Files.copy(renewed, next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, isp.defaultKeystore(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            try (RawTcpXmpp c = RawTcpXmpp.directTls(isp)) {
                return !Arrays.equals(c.certificate().getPublicKey().getEncoded(), before.getPublicKey().getEncoded());
            }
        });
        // STARTTLS too, and clients still verify it
        try (RawTcpXmpp c = RawTcpXmpp.plain(isp)) {
            c.open();
            assertThat(c.startTls().getPublicKey().getEncoded()).isNotEqualTo(before.getPublicKey().getEncoded());
        }
    }
}
