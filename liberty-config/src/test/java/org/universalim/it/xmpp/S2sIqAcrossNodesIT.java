package org.universalim.it.xmpp;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IQs across server-to-server XMPP with two nodes of one ISP (R12, PostgreSQL) and a real Prosody that finds our domain
 * at node2 only (docs/xmpp-tcp.md, docs/cluster.md): Prosody's own stream to us lands on node2, so the answers to what
 * a user connected to node1 asks of Prosody, of a Prosody user's bare JID or resource arrive on node2, which passes
 * them to the node that asked; a Prosody user's IQ to a resource of ours connected to node1 reaches it and its answer
 * goes back.
 */
class S2sIqAcrossNodesIT {

    static IspServer node1;
    static IspServer node2;
    static Prosody prosody;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(IspServer.isPostgresql(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
        node1 = IspServer.a();
        node2 = IspServer.aNode2();
        RawS2s.awaitListening(node1.s2sPort());
        RawS2s.awaitListening(node2.s2sPort());
        // Prosody's DNS names node2 as the server of our domain: its own streams to us land there
        prosody = new Prosody(Map.of(node2.universalDomain(), node2.s2sPort()));
    }

    @AfterAll
    static void stop() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void answersOfProsodyArrivingOnTheOtherNodeReachTheResourceThatAsked() throws Exception {
        String alice = Users.register(node1, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection b = RemoteXmpp.user(Prosody.DOMAIN, Prosody.c2sPort(), bob, Users.PASSWORD, "dino");
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(node1, alice, Users.PASSWORD, "desktop"));
        a.setReplyTimeout(20_000);
        b.setReplyTimeout(20_000);
        try {
            prosodyStreamOnNode2(b);
            // alice, on node1, asks Prosody itself: the answer comes on Prosody's stream, to node2
            DiscoverInfo server = ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(JidCreate.domainBareFrom(Prosody.DOMAIN));
            assertThat(server.getType()).isEqualTo(IQ.Type.result);
            assertThat(server.getIdentities()).anyMatch(i -> "server".equals(i.getCategory()) && "Prosody".equals(i.getName()));
            IQ pong = a.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(Prosody.DOMAIN)));
            assertThat(pong.getType()).isEqualTo(IQ.Type.result);
            // and bob's bare JID, which Prosody answers for his account: to a stranger, service-unavailable (Prosody's
            // answer, which must reach alice, not our remote-server-timeout)
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(bobJid));
            assertThat(refused).isInstanceOf(org.jivesoftware.smack.XMPPException.XMPPErrorException.class);
            assertThat(((org.jivesoftware.smack.XMPPException.XMPPErrorException) refused).getStanzaError().getCondition())
                    .isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.service_unavailable);
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void iqsBetweenAProsodyUserAndAResourceOnTheOtherNodeGoBothWays() throws Exception {
        String alice = Users.register(node1, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + node1.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection b = RemoteXmpp.user(Prosody.DOMAIN, Prosody.c2sPort(), bob, Users.PASSWORD, "dino");
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(node1, alice, Users.PASSWORD, "desktop"));
        a.setReplyTimeout(20_000);
        b.setReplyTimeout(20_000);
        try {
            prosodyStreamOnNode2(b);
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
            // bob pings alice's resource, connected to node1, through Prosody's stream to node2; alice's client answers
            PingManager.getInstanceFor(a);
            IQ fromAlice = b.sendIqRequestAndWaitForResponse(new Ping(JidCreate.entityFullFrom(aliceJid + "/desktop")));
            assertThat(fromAlice.getType()).isEqualTo(IQ.Type.result);
            assertThat(fromAlice.getFrom().toString()).isEqualTo(aliceJid + "/desktop");
            // alice pings bob's resource (an IQ, not disco#info, which Smack answers from its capabilities cache): his
            // client's answer comes to node2, which passes it to node1
            PingManager.getInstanceFor(b);
            Ping ping = new Ping(JidCreate.entityFullFrom(bobJid + "/dino"));
            String id = "p-" + java.util.UUID.randomUUID();
            ping.setStanzaId(id);
            List<IQ> answers = new CopyOnWriteArrayList<>();
            a.addAsyncStanzaListener(st -> {
                if (st instanceof IQ iq && id.equals(iq.getStanzaId())) {
                    answers.add(iq);
                }
            }, StanzaTypeFilter.IQ);
            IQ fromBob = a.sendIqRequestAndWaitForResponse(ping);
            assertThat(fromBob.getType()).isEqualTo(IQ.Type.result);
            assertThat(fromBob.getFrom().toString()).isEqualTo(bobJid + "/dino");
            // answered once: the question waits no more, so no remote-server-timeout follows (4 s on the test servers)
            Awaitility.await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                    .until(() -> answers.size() == 1 && answers.get(0).getType() == IQ.Type.result);
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    /**
     * Makes Prosody open its own stream to our domain (a ping of a Prosody user to our domain), which its DNS sends to
     * node2; Prosody keeps sending on it for as long as it lives, also when node1 later opens a stream to Prosody.
     */
    private static void prosodyStreamOnNode2(XMPPTCPConnection prosodyUser) throws Exception {
        IQ pong = prosodyUser.sendIqRequestAndWaitForResponse(new Ping(JidCreate.domainBareFrom(node1.universalDomain())));
        assertThat(pong.getType()).isEqualTo(IQ.Type.result);
    }
}
