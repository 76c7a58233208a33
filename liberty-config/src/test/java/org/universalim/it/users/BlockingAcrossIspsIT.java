package org.universalim.it.users;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.Sent;
import org.universalim.it.scenario.User;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking users of another ISP (issue 16): enforced at our ISP's boundary when the peer's items arrive. The blocked
 * user's messages, presence and subscription requests do not reach the user, their connection request is answered
 * "not available", and their ISP is told nothing of the block (no refusal, no failed receipt). Items a peer sends in
 * order: a later message of another user of the same ISP arrives, so the blocked ones were dropped, not delayed.
 */
class BlockingAcrossIspsIT {

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "SOAP"})
    void aBlockedUserOfAnotherIspGetsNothingThroughAndTheirIspIsNotTold(String transport) {
        Isp a = Isp.a();
        Isp b = Isp.b();
        Links.federate(a, b, transport);
        User alice = a.registersUniversal("alice");
        User erin = b.registersUniversal("erin");
        User frank = b.registersUniversal("frank");
        User gina = b.registersUniversal("gina");
        try (Device alicePc = alice.logsOn("pc"); Device erinPc = erin.logsOn("pc"); Device frankPc = frank.logsOn("pc");
             Device ginaPc = gina.logsOn("pc")) {
            alicePc.andTheyLetEachOtherSee(erinPc);
            alicePc.andTheyLetEachOtherSee(frankPc);
            erinPc.sees(alice).online();

            BlockingIT.block(alicePc, erin.address());
            BlockingIT.block(alicePc, gina.address());
            int before = alicePc.client().received().size();
            alicePc.sees(erin).offline();

            Sent blocked = erinPc.sendsTo(alice, "hello from B");
            blocked.wasForwarded();
            erinPc.setsState("BUSY");
            ginaPc.asksToSee(alice);
            erinPc.asksForSessionWith(alice).isNotAvailable();

            // frank's items follow erin's and gina's in B's ordered outbox to A: once they are here, theirs were handled
            Sent marker = frankPc.sendsTo(alice, "marker from B");
            alicePc.receives(marker);
            frankPc.setsState("AWAY");
            alicePc.sees(frank).as("AWAY");
            List<JsonObject> all = alicePc.client().received();
            List<JsonObject> got = all.subList(before, all.size());
            assertThat(got).noneMatch(f -> "message".equals(f.getString("type")) && blocked.messageId().equals(f.getString("messageId")));
            assertThat(got).noneMatch(f -> "presence".equals(f.getString("type"))
                    && "BUSY".equals(f.getJsonObject("presence").getString("aggregate")));
            assertThat(got).noneMatch(f -> "subscription.request".equals(f.getString("type")));
            // erin's ISP took the message and heard nothing more: no refusal, no failed receipt
            erinPc.client().request("ping");
            assertThat(erinPc.client().received("receipt")).noneMatch(r -> blocked.messageId().equals(r.getString("messageId"))
                    && "failed".equals(r.getString("status")));
        }
    }
}
