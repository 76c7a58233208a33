package org.universalim.it.xmpp;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-to-server XMPP with a real Prosody (docs/xmpp-tcp.md): a universal user of ISP A (Smack over TCP) and a user of
 * Prosody (Smack) subscribe to each other, see each other's presence and chat both ways, over s2s connections both ways
 * (STARTTLS, certificates of the test CA, SASL EXTERNAL, XEP-0288 bidirectional on ours), and the Prosody user reads the universal user's card; each
 * asks the other's client (an IQ between full JIDs); and
 * they chat again after Prosody restarts, and after ISP A restarts while Prosody keeps running.
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
        return RemoteXmpp.user(Prosody.DOMAIN, Prosody.c2sPort(), user, Users.PASSWORD, resource);
    }

    @Test
    void aUniversalUserAndAProsodyUserSubscribeSeePresenceAndChatAcrossARestart() throws Exception {
        // no stream between the servers yet (another test may have left one, of either side): ours is the first
        restartProsodyUntilNoStream();
        long logFrom = java.nio.file.Files.size(prosody.log());
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection b = prosodyUser(bob);
        try {
            // alice asks to see bob: the request crosses to Prosody, bob approves and asks back, alice approves
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
            Roster aliceRoster = Roster.getInstanceFor(a);

            // bob, whom alice lets see her presence, reads her card (XEP-0054) across the servers
            org.jivesoftware.smackx.vcardtemp.packet.VCard card =
                    org.jivesoftware.smackx.vcardtemp.VCardManager.getInstanceFor(b).loadVCard(aliceJid);
            assertThat(card.getNickName()).isEqualTo(alice.toUpperCase());

            RemoteXmpp.chat(a, b, aliceJid, bobJid, "hello Prosody <&>", "hello Universal IM");
            // XEP-0288: alice asked first, so we connected; Prosody offered a bidirectional stream and we asked for it,
            // so its stanzas for us came back on it
            String log = java.nio.file.Files.readString(prosody.log());
            assertThat(log.substring((int) Math.min(logFrom, log.length()))).contains("Requested bidirectional stream");

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
            RemoteXmpp.slow().until(() -> aliceRoster.getAvailablePresences(bobJid).size() == 2);
            b2.disconnect();
            RemoteXmpp.slow().until(() -> aliceRoster.getAvailablePresences(bobJid).size() == 1);
            assertThat(aliceRoster.getPresence(bobJid).isAvailable()).isTrue();
            assertThat(aliceRoster.getPresence(bobJid).getFrom().getResourceOrEmpty().toString()).isEqualTo("dino");

            // Prosody restarts: bob comes back, the connections both ways are set up again
            b.disconnect();
            RemoteXmpp.slow().until(() -> !aliceRoster.getPresence(bobJid).isAvailable());
            prosody.restart();
            b = prosodyUser(bob);
            XMPPTCPConnection bobAgain = b;
            RemoteXmpp.slow().until(() -> aliceRoster.getPresence(bobJid).isAvailable());
            RemoteXmpp.chat(a, bobAgain, aliceJid, bobJid, "still there?", "yes, after a restart");
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    /**
     * A client's own error message (RFC 6121 8.5, as Smack and Conversations send for a payload they cannot read) crosses
     * s2s both ways, with its id and condition, and is not answered with an error (RFC 6120 8.3.1).
     */
    @Test
    void errorMessagesOfClientsCrossBothWays() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection b = prosodyUser(bob);
        try {
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
            java.util.List<org.jivesoftware.smack.packet.Message> atAlice = errors(a);
            java.util.List<org.jivesoftware.smack.packet.Message> atBob = errors(b);
            // to the full JID of the resource whose message it answers (one to a bare JID is ignored, RFC 6121 8.5.2.1.1)
            b.sendStanza(errorMessage(JidCreate.entityFullFrom(aliceJid + "/desktop"), "alice-1"));
            RemoteXmpp.slow().until(() -> !atAlice.isEmpty());
            assertThat(atAlice.get(0).getStanzaId()).isEqualTo("alice-1");
            assertThat(atAlice.get(0).getFrom().asBareJid().toString()).isEqualTo(bobJid.toString());
            assertThat(atAlice.get(0).getError().getCondition()).isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.service_unavailable);

            a.sendStanza(errorMessage(JidCreate.entityFullFrom(bobJid + "/dino"), "bob-1"));
            RemoteXmpp.slow().until(() -> !atBob.isEmpty());
            assertThat(atBob.get(0).getStanzaId()).isEqualTo("bob-1");
            assertThat(atBob.get(0).getFrom().asBareJid().toString()).isEqualTo(aliceJid.toString());
            assertThat(atBob.get(0).getError().getCondition()).isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.service_unavailable);
            // and a chat after them: no error came back to either for their errors
            RemoteXmpp.chat(a, b, aliceJid, bobJid, "after the errors", "seen");
            assertThat(atAlice).hasSize(1);
            assertThat(atBob).hasSize(1);
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    private static java.util.List<org.jivesoftware.smack.packet.Message> errors(XMPPTCPConnection c) {
        java.util.List<org.jivesoftware.smack.packet.Message> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        c.addAsyncStanzaListener(s -> errors.add((org.jivesoftware.smack.packet.Message) s),
                org.jivesoftware.smack.filter.MessageTypeFilter.ERROR);
        return errors;
    }

    private static org.jivesoftware.smack.packet.Message errorMessage(org.jxmpp.jid.Jid to, String id) {
        return org.jivesoftware.smack.packet.StanzaBuilder.buildMessage(id).to(to).ofType(org.jivesoftware.smack.packet.Message.Type.error)
                .setError(org.jivesoftware.smack.packet.StanzaError
                        .getBuilder(org.jivesoftware.smack.packet.StanzaError.Condition.service_unavailable).build())
                .build();
    }

    @Test
    void theyChatAgainAfterTheIspRestartsWhileProsodyKeepsRunning() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection b = prosodyUser(bob);
        try {
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
            RemoteXmpp.chat(a, b, aliceJid, bobJid, "before the restart", "seen");
            a.disconnect();
            Roster bobRoster = Roster.getInstanceFor(b);
            RemoteXmpp.slow().until(() -> !bobRoster.getPresence(aliceJid).isAvailable());

            // ISP A restarts; Prosody keeps its side (its streams to the old server are gone with it)
            isp.restart();
            RawS2s.awaitListening(isp.s2sPort());
            a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
            XMPPTCPConnection aliceAgain = a;
            Roster aliceRoster = Roster.getInstanceFor(aliceAgain);
            RemoteXmpp.slow().until(() -> aliceRoster.getPresence(bobJid).isAvailable());
            RemoteXmpp.slow().until(() -> bobRoster.getPresence(aliceJid).isAvailable());
            RemoteXmpp.chat(aliceAgain, b, aliceJid, bobJid, "after the restart", "welcome back");
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    /** An IQ get with a payload nobody knows (the remote client is told not to answer it). */
    private static org.jivesoftware.smack.packet.IQ unknownGet(org.jxmpp.jid.Jid to) {
        org.jivesoftware.smack.packet.IQ iq = new org.jivesoftware.smack.packet.IQ("query", "urn:example:silence") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.setEmptyElement();
                return xml;
            }
        };
        iq.setType(org.jivesoftware.smack.packet.IQ.Type.get);
        iq.setTo(to);
        return iq;
    }

    private static org.jivesoftware.smack.packet.StanzaError.Condition errorOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(org.jivesoftware.smack.XMPPException.XMPPErrorException.class);
        return ((org.jivesoftware.smack.XMPPException.XMPPErrorException) t).getStanzaError().getCondition();
    }

    @Test
    void iqsToAndFromBareJidsAndTheRemoteServerAreAnswered() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        org.jxmpp.jid.DomainBareJid prosodyDomain = JidCreate.domainBareFrom(Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection b = prosodyUser(bob);
        a.setReplyTimeout(20_000);
        b.setReplyTimeout(20_000);
        try {
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
            org.jivesoftware.smackx.vcardtemp.packet.VCard bobsCard = new org.jivesoftware.smackx.vcardtemp.packet.VCard();
            bobsCard.setNickName("Bobby");
            org.jivesoftware.smackx.vcardtemp.VCardManager.getInstanceFor(b).saveVCard(bobsCard);

            // alice asks Prosody itself (RFC 6120 10.5.1): disco#info, ping, software version, each answered by Prosody
            org.jivesoftware.smackx.disco.packet.DiscoverInfo server = org.jivesoftware.smackx.disco.ServiceDiscoveryManager
                    .getInstanceFor(a).discoverInfo(prosodyDomain);
            assertThat(server.getIdentities()).anyMatch(i -> "server".equals(i.getCategory()) && "Prosody".equals(i.getName()));
            assertThat(server.containsFeature("urn:xmpp:ping")).isTrue();
            org.jivesoftware.smack.packet.IQ pong = a.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(prosodyDomain));
            assertThat(pong.getType()).isEqualTo(org.jivesoftware.smack.packet.IQ.Type.result);
            assertThat(pong.getFrom().toString()).isEqualTo(Prosody.DOMAIN);
            assertThat(org.jivesoftware.smackx.iqversion.VersionManager.getInstanceFor(a).getVersion(prosodyDomain).getName())
                    .isEqualTo("Prosody");

            // alice asks bob's bare JID (RFC 6121 8.5.1): Prosody answers for his account, with his card
            org.jivesoftware.smackx.vcardtemp.packet.VCard card =
                    org.jivesoftware.smackx.vcardtemp.VCardManager.getInstanceFor(a).loadVCard(bobJid);
            assertThat(card.getNickName()).isEqualTo("Bobby");
            assertThat(org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(bobJid)
                    .hasIdentity("account", "registered")).isTrue();

            // bob asks alice's bare JID: our server answers for her account
            org.jivesoftware.smackx.disco.packet.DiscoverInfo account = org.jivesoftware.smackx.disco.ServiceDiscoveryManager
                    .getInstanceFor(b).discoverInfo(aliceJid);
            assertThat(account.hasIdentity("account", "registered")).isTrue();
            org.jivesoftware.smack.packet.IQ alicePong = b.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(aliceJid));
            assertThat(alicePong.getType()).isEqualTo(org.jivesoftware.smack.packet.IQ.Type.result);
            assertThat(alicePong.getFrom().toString()).isEqualTo(aliceJid.toString());

            // an IQ the remote side never answers: alice is told remote-server-timeout (4 s on the test servers)
            b.setUnknownIqRequestReplyMode(org.jivesoftware.smack.SmackConfiguration.UnknownIqRequestReplyMode.doNotReply);
            long asked = System.nanoTime();
            assertThat(errorOf(() -> a.sendIqRequestAndWaitForResponse(unknownGet(JidCreate.entityFullFrom(bobJid + "/dino")))))
                    .isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.remote_server_timeout);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - asked)).isBetween(java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(15));

            // a domain whose server cannot be reached, and a blocked one: remote-server-not-found
            assertThat(errorOf(() -> org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(a)
                    .discoverInfo(JidCreate.domainBareFrom("closed.example"))))
                    .isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.remote_server_not_found);
            assertThat(errorOf(() -> a.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(
                    JidCreate.entityBareFrom("mallory@blocked.example")))))
                    .isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.remote_server_not_found);
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    /** Established TCP connections between the ISP's s2s port and Prosody's, either way. */
    /**
     * Restarts Prosody until no stream is left between the two servers: the streams end with Prosody, but what an earlier
     * test left queued for it (the presence of users who logged off while it was down) our server sends as soon as it
     * is back, on a new stream that stays open; the next restart ends that one, with nothing left to send.
     */
    private static void restartProsodyUntilNoStream() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            prosody.restart();
            try {
                RemoteXmpp.slow().until(() -> s2sConnections() == 0);
                // and stays so: a queued stanza is tried again within a few seconds of Prosody's return
                org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(5)).atMost(java.time.Duration.ofSeconds(6))
                        .pollInterval(java.time.Duration.ofMillis(100)).until(() -> s2sConnections() == 0);
                return;
            } catch (org.awaitility.core.ConditionTimeoutException streamOpen) {
                // a stream carried what was left: the next restart ends it
            }
        }
        throw new AssertionError("a stream between the servers stayed open after three restarts of Prosody");
    }

    private static long s2sConnections() throws Exception {
        Process p = new ProcessBuilder("ss", "-Htn", "state", "established",
                "( dport = :" + Prosody.s2sPort() + " or dport = :" + isp.s2sPort() + " )").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().filter(l -> !l.isBlank()).count();
    }

    @Test
    void aUniversalUsersMessagesComeFromHerClientsResource() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "laptop"));
        XMPPTCPConnection b = prosodyUser(bob);
        try {
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
            java.util.List<org.jivesoftware.smack.packet.Message> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            org.jivesoftware.smack.chat2.ChatManager.getInstanceFor(b).addIncomingListener((from, message, chat) -> got.add(message));
            org.jivesoftware.smack.chat2.ChatManager.getInstanceFor(a).chatWith(bobJid).send("from my laptop");
            RemoteXmpp.slow().until(() -> !got.isEmpty());
            // the sender's full JID, as on the universal domain (RFC 6121 8.5.2.1.1: a client answers the resource)
            assertThat(got.get(0).getFrom().toString()).isEqualTo(aliceJid + "/laptop");
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void whenProsodyConnectsFirstOneConnectionCarriesBothWays() throws Exception {
        // Prosody restarts: the streams between the servers end with it
        restartProsodyUntilNoStream();
        long logFrom = java.nio.file.Files.size(prosody.log());
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection b = prosodyUser(bob);
        try {
            // bob asks first, so Prosody connects to us; we offer XEP-0288 and it asks for it
            RemoteXmpp.subscribeBothWays(b, a, bobJid, aliceJid);
            RemoteXmpp.chat(a, b, aliceJid, bobJid, "over your stream", "over yours too");
            // one TCP connection between the two servers, which carried subscriptions, presence and chat both ways
            assertThat(s2sConnections()).isEqualTo(1);
            String log = java.nio.file.Files.readString(prosody.log());
            assertThat(log.substring((int) Math.min(logFrom, log.length()))).contains("Requesting bidirectional stream");
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void aDomainWithoutAStaticRouteIsFoundByItsSrvRecord() throws Exception {
        // srv.example (a second host of the test Prosody) has no static route on the ISP: only the SRV record of the
        // test's DNS server (xmpp.s2s.dns) says where its server is
        try (FakeDns dns = new FakeDns(Integer.getInteger("it.port.base", 19000) + 298, Map.of(Prosody.SRV_DOMAIN, Prosody.s2sPort()), true)) {
            String alice = Users.register(isp, "alice", true);
            XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
            a.setReplyTimeout(20_000);
            try {
                org.jxmpp.jid.DomainBareJid srvDomain = JidCreate.domainBareFrom(Prosody.SRV_DOMAIN);
                org.jivesoftware.smack.packet.IQ pong = a.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(srvDomain));
                assertThat(pong.getType()).isEqualTo(org.jivesoftware.smack.packet.IQ.Type.result);
                assertThat(pong.getFrom().toString()).isEqualTo(Prosody.SRV_DOMAIN);
                assertThat(dns.asked()).contains("_xmpp-server._tcp." + Prosody.SRV_DOMAIN);
            } finally {
                a.disconnect();
            }
        }
    }
}
