package org.universalim.it.presence;

import org.junit.jupiter.api.Test;
import org.universalim.it.fault.PeerOutage;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.User;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A presence change made while the previous push of the same user's presence to a peer is still on its way
 * (the peer slow to answer) reaches the peer: the peer's watchers end up with the last state.
 */
class PresenceInFlightIT {

    static final int ROUNDS = 3;

    @Test
    void aChangeMadeWhileThePreviousPushWaitsForTheSlowPeerStillArrives() {
        Isp a = Isp.a();
        Isp b = Isp.b();
        a.federatesWith(b);
        User dora = a.registersUniversal("dora");
        User walt = b.registersUniversal("walt");
        List<String> lost = new ArrayList<>();
        try (Device d = dora.logsOn("pc"); Device w = walt.logsOn("pc")) {
            w.asksToSee(dora);
            d.approves(w);
            w.sees(dora).as("READY");
            String[][] changes = {{"AWAY", "BUSY"}, {"DO_NOT_DISTURB", "AWAY"}, {"BUSY", "DO_NOT_DISTURB"}};
            for (int round = 0; round < ROUNDS; round++) {
                String first = changes[round][0];
                String last = changes[round][1];
                try (PeerOutage slow = PeerOutage.freeze(b.server())) {
                    d.setsState(first);
                    // A's push of the first change has reached B, which does not answer yet
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(slow::requestWaiting);
                    d.setsState(last);
                    slow.thaw();
                }
                try {
                    PeerOutagePresenceIT.awaitLocal(w, dora, p -> last.equals(p.aggregate()), Duration.ofSeconds(15));
                } catch (AssertionError e) {
                    lost.add("round " + (round + 1) + ": B shows " + ShownPresence.local(w.client(), dora.address()).aggregate()
                            + ", not " + last);
                    // go on from a known state
                    d.setsState("READY");
                    PeerOutagePresenceIT.awaitLocal(w, dora, p -> "READY".equals(p.aggregate()), Duration.ofSeconds(15));
                }
            }
        }
        System.out.printf("[presence] change during an unanswered push: %d rounds, %d last states lost%n", ROUNDS, lost.size());
        assertThat(lost).isEmpty();
    }
}
