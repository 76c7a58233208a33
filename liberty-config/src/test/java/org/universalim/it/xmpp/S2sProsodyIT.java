package org.universalim.it.xmpp;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server-to-server XMPP with a real Prosody (docs/xmpp-tcp.md): a universal user of ISP A (Smack over TCP) and a user of
 * Prosody (Smack) subscribe to each other, see each other's presence and chat both ways, over s2s connections both ways
 * (STARTTLS, certificates of the test CA, SASL EXTERNAL), and the Prosody user reads the universal user's card; each
 * asks the other's client (an IQ between full JIDs); and
 * they chat again after Prosody restarts.
 */
class S2sProsodyIT {

    static IspServer isp;
    static Prosody prosody;

    @BeforeAll
    static void start() throws Exception {
        isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
        prosody = new Prosody(Map.of(isp.universalDomain(), isp.s2sPort()));
    }

    @AfterAll
    static void stop() {
        if (prosody != null) {
            prosody.close();
        }
    }

    private static XMPPTCPConnection prosodyUser(String user) throws Exception {
        return prosodyUser(user, "dino");
    }

    private static XMPPTCPConnection prosodyUser(String user, String resource) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(Prosody.DOMAIN).setHostAddress(InetAddress.getByName("127.0.0.1")).setPort(Prosody.c2sPort())
                .setUsernameAndPassword(user, Users.PASSWORD).setResource(resource)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(TcpClients.testCa()).setConnectTimeout(5000).build());
        return TcpClients.login(c);
    }

    @Test
    void aUniversalUserAndAProsodyUserSubscribeSeePresenceAndChatAcrossARestart() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection b = prosodyUser(bob);
        try {
            Roster aliceRoster = Roster.getInstanceFor(a);
            Roster bobRoster = Roster.getInstanceFor(b);
            List<Jid> askedBob = new CopyOnWriteArrayList<>();
            List<Jid> askedAlice = new CopyOnWriteArrayList<>();
            bobRoster.addSubscribeListener((from, p) -> {
                askedBob.add(from);
                return SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
            });
            aliceRoster.addSubscribeListener((from, p) -> {
                askedAlice.add(from);
                return SubscribeListener.SubscribeAnswer.Approve;
            });

            // alice asks to see bob: the request crosses to Prosody, bob approves and asks back, alice approves
            aliceRoster.createItemAndRequestSubscription(bobJid, "Bob", null);
            slow().until(() -> askedBob.contains(aliceJid));
            slow().until(() -> askedAlice.contains(bobJid));
            slow().until(() -> aliceRoster.getPresence(bobJid).isAvailable());
            slow().until(() -> bobRoster.getPresence(aliceJid).isAvailable());
            assertThat(aliceRoster.getEntry(bobJid)).isNotNull();

            // bob, whom alice lets see her presence, reads her card (XEP-0054) across the servers
            org.jivesoftware.smackx.vcardtemp.packet.VCard card =
                    org.jivesoftware.smackx.vcardtemp.VCardManager.getInstanceFor(b).loadVCard(aliceJid);
            assertThat(card.getNickName()).isEqualTo(alice.toUpperCase());

            chat(a, b, aliceJid, bobJid, "hello Prosody <&>", "hello Universal IM");

            // IQs between full JIDs (RFC 6121 8.5.3) both ways over s2s: each Smack answers the other's disco#info
            org.jivesoftware.smackx.disco.packet.DiscoverInfo bobInfo = org.jivesoftware.smackx.disco.ServiceDiscoveryManager
                    .getInstanceFor(a).discoverInfo(JidCreate.entityFullFrom(bobJid + "/dino"));
            assertThat(bobInfo.hasIdentity("client", "pc")).as("Smack's own answer, not Prosody's").isTrue();
            assertThat(bobInfo.containsFeature("http://jabber.org/protocol/disco#info")).isTrue();
            org.jivesoftware.smackx.disco.packet.DiscoverInfo aliceInfo = org.jivesoftware.smackx.disco.ServiceDiscoveryManager
                    .getInstanceFor(b).discoverInfo(JidCreate.entityFullFrom(aliceJid + "/desktop"));
            assertThat(aliceInfo.hasIdentity("client", "pc")).isTrue();
            assertThat(aliceInfo.containsFeature("http://jabber.org/protocol/disco#info")).isTrue();

            // bob on a second client, which then leaves: his first one is still there
            XMPPTCPConnection b2 = prosodyUser(bob, "gajim");
            slow().until(() -> aliceRoster.getAvailablePresences(bobJid).size() == 2);
            b2.disconnect();
            slow().until(() -> aliceRoster.getAvailablePresences(bobJid).size() == 1);
            assertThat(aliceRoster.getPresence(bobJid).isAvailable()).isTrue();
            assertThat(aliceRoster.getPresence(bobJid).getFrom().getResourceOrEmpty().toString()).isEqualTo("dino");

            // Prosody restarts: bob comes back, the connections both ways are set up again
            b.disconnect();
            slow().until(() -> !aliceRoster.getPresence(bobJid).isAvailable());
            prosody.restart();
            b = prosodyUser(bob);
            XMPPTCPConnection bobAgain = b;
            slow().until(() -> aliceRoster.getPresence(bobJid).isAvailable());
            chat(a, bobAgain, aliceJid, bobJid, "still there?", "yes, after a restart");
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    private static void chat(XMPPTCPConnection a, XMPPTCPConnection b, EntityBareJid aliceJid, EntityBareJid bobJid,
                             String toBob, String toAlice) throws Exception {
        List<Message> bobGot = new CopyOnWriteArrayList<>();
        List<Message> aliceGot = new CopyOnWriteArrayList<>();
        ChatManager.getInstanceFor(b).addIncomingListener((from, message, chat) -> bobGot.add(message));
        ChatManager.getInstanceFor(a).addIncomingListener((from, message, chat) -> aliceGot.add(message));
        ChatManager.getInstanceFor(a).chatWith(bobJid).send(toBob);
        slow().until(() -> bobGot.stream().anyMatch(m -> toBob.equals(m.getBody())));
        Jid sender = bobGot.stream().filter(m -> toBob.equals(m.getBody())).findFirst().orElseThrow().getFrom().asBareJid();
        assertThat(sender.toString()).isEqualTo(aliceJid.toString());
        ChatManager.getInstanceFor(b).chatWith(aliceJid).send(toAlice);
        slow().until(() -> aliceGot.stream().anyMatch(m -> toAlice.equals(m.getBody())));
    }

    /** Across two servers and their connection set-up. */
    private static org.awaitility.core.ConditionFactory slow() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }
}
