package org.universalim.it.fault;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.federation.Federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The message path through the death of a node (issue 14, R12), black box: ISP A of its own with two nodes on one
 * PostgreSQL database and ISP B, users on node1, node2 and B chatting across the nodes and across the ISPs both ways
 * on the Local protocol (and two on XMPP with stream management), while node1 or node2 is killed with kill -9 and restarted (its users reconnect to the other
 * node at once, as behind a load balancer), and the rounds of {@link IspFaultsIT} that strike the peer or the links (ISP B
 * killed and kept down a while, B frozen with SIGSTOP, every client link cut with a TCP reset) with A on two nodes. The
 * counts after each round are those of {@link IspFaultsIT}. The short rounds run by default; {@code -Dfault.full=true}
 * runs the full size.
 */
class NodeFaultsIT {

    // a full-size round stores hundreds of one sender's messages while a node is dead: no share limit for them
    static final Map<String, String> SETTINGS = Map.of("OFFLINE_MAX_PER_USER", "100000", "OFFLINE_MAX_PER_SENDER", "100000",
            "FEDERATION_CALL_TIMEOUT_MS", "10000");

    static IspServer node1;
    static IspServer node2;
    static IspServer b;
    static FaultRig rig;

    @BeforeAll
    static void twoNodesAnIspAndTheirUsers() {
        assumeTrue(IspServer.isPostgresql(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
        node1 = IspServer.own("fa", 8, "node1", "isp-a.example", SETTINGS);
        node2 = IspServer.own("fa", 10, "node2", "isp-a.example", SETTINGS);
        b = IspServer.own("fb", 9, "node1", "isp-b.example", SETTINGS);
        IspServer.startTogether(node1, b);
        node2.startForTest();
        Federation.peer(node1, b, "REST", false);
        Federation.peer(b, node1, "SOAP", false);
        rig = new FaultRig();
        List<FaultDevice> on1 = new ArrayList<>();
        List<FaultDevice> on2 = new ArrayList<>();
        List<FaultDevice> onB = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            on1.add(rig.user("fn1", node1, node2));
            on2.add(rig.user("fn2", node2, node1));
            onB.add(rig.user("fnb", b));
        }
        for (int i = 0; i < 4; i++) {
            rig.converse(on1.get(i), on2.get(i));
            rig.converse(on1.get(i), onB.get(i));
            rig.converse(on2.get(i), onB.get((i + 1) % 4));
        }
        // XMPP devices with stream management: one on each node (a session is resumed only on its node; after a node's
        // death the device binds anew on the other), talking across the nodes and to B
        FaultDevice x1 = rig.xmppUser("fx1", node1, node2);
        FaultDevice x2 = rig.xmppUser("fx2", node2, node1);
        rig.converse(x1, x2);
        rig.converse(x2, onB.get(0));
    }

    @AfterAll
    static void close() {
        if (rig != null) {
            rig.close();
        }
        // no other class of this run uses these servers: they would otherwise idle until the suite's end
        for (IspServer server : new IspServer[] {node1, node2, b}) {
            if (server != null) {
                server.stopForTest();
            }
        }
    }

    @BeforeEach
    void allRunning() {
        IspServer.startTogether(node1, b);
        node2.startForTest();
    }

    @Test
    void node2KilledAndRestarted() throws Exception {
        Tally t = Round.run(rig, "kill -9 of node2", () -> {
            node2.kill9();
            node2.startForTest();
        });
        assertThat(t.clean()).as(t.toString()).isTrue();
    }

    @Test
    void node1KilledAndRestarted() throws Exception {
        Tally t = Round.run(rig, "kill -9 of node1", () -> {
            node1.kill9();
            node1.startForTest();
        });
        assertThat(t.clean()).as(t.toString()).isTrue();
    }

    @Test
    void ispBKilledAndDownAWhile() throws Exception {
        Tally t = Round.run(rig, "kill -9 of ISP B (two nodes of A), down " + rig.size.outage().toSeconds() + " s",
                Round.killedAndDownAWhile(rig, b));
        assertThat(t.clean()).as(t.toString()).isTrue();
    }

    @Test
    void ispBFrozen() throws Exception {
        Tally t = Round.run(rig, "SIGSTOP of ISP B (two nodes of A) for " + rig.size.freeze().toSeconds() + " s",
                Round.frozen(rig, b));
        assertThat(t.clean()).as(t.toString()).isTrue();
    }

    @Test
    void clientLinksCutWithATcpReset() throws Exception {
        Tally t = Round.run(rig, "TCP reset of every client link (two nodes of A)", Round.linksCutTwice(rig, node1, node2, b));
        assertThat(t.clean()).as(t.toString()).isTrue();
    }
}
