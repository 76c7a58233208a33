package org.universalim.it.xmpp;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal eventing (XEP-0163) across s2s with two nodes of one ISP (R12, PostgreSQL) and a real Prosody that finds our
 * domain at node2 only: the Prosody contact's presence, with the capabilities that ask for the OMEMO device list, lands
 * on node2, which learns what it asks for; our user, connected to node1, publishes, and the event is written over s2s by
 * the node that drains the outbox (the lease holder, node1 as the first started), which must know those interests too
 * (docs/xmpp-tcp.md, "Personal eventing").
 */
class S2sPepNodesIT {

    static IspServer node1;
    static IspServer node2;
    static Prosody prosody;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(IspServer.isPostgresql(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
        AnyPayload.register("list", "eu.siacs.conversations.axolotl");
        node1 = IspServer.a();
        node2 = IspServer.aNode2();
        RawS2s.awaitListening(node1.s2sPort());
        RawS2s.awaitListening(node2.s2sPort());
        prosody = new Prosody(Map.of(node2.universalDomain(), node2.s2sPort()));
    }

    @AfterAll
    static void stop() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void aDeviceListPublishedOnNode1ReachesTheProsodyContactWhosePresenceLandedOnNode2() throws Exception {
        String alice = Users.register(node1, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + node1.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection b = RemoteXmpp.user(Prosody.DOMAIN, Prosody.c2sPort(), bob, Users.PASSWORD, "dino");
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(node1, alice, Users.PASSWORD, "desktop"));
        try {
            // Prosody's own stream to our domain first: it lands on node2, and bob's presence comes on it
            IQ pong = b.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(
                    JidCreate.domainBareFrom(node1.universalDomain())));
            assertThat(pong.getType()).isEqualTo(IQ.Type.result);
            List<String> atBob = S2sPepIT.told(b, aliceJid);
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
            // node2 learns bob's interests from his presence's capabilities (asking his client once): alice publishes
            // again until bob is told
            AtomicInteger device = new AtomicInteger(4000);
            RemoteXmpp.slow().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> atBob.contains("device:" + device.get()) || S2sPepIT.publishedAgain(a, device));
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }
}
