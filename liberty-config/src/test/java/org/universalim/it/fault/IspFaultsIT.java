package org.universalim.it.fault;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.federation.Federation;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The message path through faults, black box (issue 14): two ISPs of their own on Derby, 10 pairs of universal users
 * chatting across them both ways (7 pairs on the Local protocol, 3 with an XMPP device using stream management on one
 * side or both) (A calls B over REST, B calls A over SOAP) while a round strikes:
 * ISP A or ISP B killed with kill -9 (B kept down a while) and restarted on the same database, B frozen with SIGSTOP,
 * every client link cut with a TCP reset. After each round: nothing lost, nothing shown twice on a device, nothing
 * out of order per sender and recipient, every send answered (resent with the same client id after a reconnection),
 * every delivered message's receipt at its sender (a Local-protocol sender: XMPP has no server receipts). The short rounds run by default; {@code -Dfault.full=true} runs
 * the full size (docs/reliability.md).
 */
class IspFaultsIT {

    static final Map<String, String> SETTINGS = Map.of("OFFLINE_MAX_PER_USER", "100000", "FEDERATION_CALL_TIMEOUT_MS", "10000");

    static IspServer a;
    static IspServer b;
    static FaultRig rig;

    @BeforeAll
    static void twoIspsAndTheirUsers() {
        assumeFalse(IspServer.isPostgresql(), "the PostgreSQL run has NodeFaultsIT (two nodes)");
        a = IspServer.own("fa", 8, "node1", "isp-a.example", SETTINGS);
        b = IspServer.own("fb", 9, "node1", "isp-b.example", SETTINGS);
        IspServer.startTogether(a, b);
        Federation.peer(a, b, "REST", false);
        Federation.peer(b, a, "SOAP", false);
        rig = new FaultRig();
        for (int i = 0; i < 7; i++) {
            rig.converse(rig.user("fa", a), rig.user("fb", b));
        }
        // XMPP devices with stream management, talking to Local devices and to each other
        rig.converse(rig.xmppUser("fax", a), rig.user("fb", b));
        rig.converse(rig.user("fa", a), rig.xmppUser("fbx", b));
        rig.converse(rig.xmppUser("fax", a), rig.xmppUser("fbx", b));
    }

    @AfterAll
    static void close() {
        if (rig != null) {
            rig.close();
        }
        // no other class of this run uses these two servers: they would otherwise idle until the suite's end
        for (IspServer server : new IspServer[] {a, b}) {
            if (server != null) {
                server.stopForTest();
            }
        }
    }

    @BeforeEach
    void bothRunning() {
        IspServer.startTogether(a, b);
    }

    @Test
    void ispAKilledAndRestarted() throws Exception {
        Tally t = Round.run(rig, "kill -9 of ISP A", () -> {
            a.kill9();
            a.startForTest();
        });
        assertThat(t.clean()).as(t.toString()).isTrue();
    }

    @Test
    void ispBKilledAndDownAWhile() throws Exception {
        Tally t = Round.run(rig, "kill -9 of ISP B, down " + rig.size.outage().toSeconds() + " s", Round.killedAndDownAWhile(rig, b));
        assertThat(t.clean()).as(t.toString()).isTrue();
    }

    @Test
    void ispBFrozen() throws Exception {
        Tally t = Round.run(rig, "SIGSTOP of ISP B for " + rig.size.freeze().toSeconds() + " s", Round.frozen(rig, b));
        assertThat(t.clean()).as(t.toString()).isTrue();
    }

    @Test
    void clientLinksCutWithATcpReset() throws Exception {
        Tally t = Round.run(rig, "TCP reset of every client link", Round.linksCutTwice(rig, a, b));
        assertThat(t.clean()).as(t.toString()).isTrue();
    }
}
