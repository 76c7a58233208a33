package org.universalim.it.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.Sent;
import org.universalim.it.scenario.User;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking at one ISP, over the Local protocol (issue 16): a blocked user's messages, presence, subscription requests
 * and connection requests do not reach the user who blocked them, and the blocked user is not told (their messages
 * are answered as if the user were offline, their connection request "not available"); unblocking lets them through
 * again. Whatever else the user gets keeps arriving (a marker from a third user shows the blocked items are not
 * merely late).
 */
class BlockingIT {

    @Test
    void aBlockedUsersMessagesPresenceRequestsAndConnectionRequestsDoNotArrive() {
        Isp a = Isp.a();
        User alice = a.registers("alice");
        User bob = a.registers("bob");
        User carol = a.registers("carol");
        User dave = a.registers("dave");
        try (Device alicePc = alice.logsOn("pc"); Device bobPc = bob.logsOn("pc"); Device carolPc = carol.logsOn("pc");
             Device davePc = dave.logsOn("pc")) {
            alicePc.andTheyLetEachOtherSee(bobPc);
            alicePc.andTheyLetEachOtherSee(carolPc);

            block(alicePc, bob.address());
            block(alicePc, dave.localAddress());
            int before = alicePc.client().received().size();
            // as XEP-0191 has it: each shows the other offline at once
            alicePc.sees(bob).offline();
            bobPc.sees(alice).offline();

            Sent blocked = bobPc.sendsTo(alice, "are you there?");
            blocked.wasStored();
            bobPc.setsState("BUSY");
            davePc.asksToSee(alice);
            assertThat(bobPc.asksForSessionWith(alice).isNotAvailable().json().toString())
                    .as("nothing live of alice's devices").doesNotContain("READY");

            // what comes after all that from a third user arrives: the blocked items are not late, they are gone
            Sent marker = carolPc.sendsTo(alice, "marker");
            alicePc.receives(marker);
            carolPc.setsState("AWAY");
            alicePc.sees(carol).as("AWAY");
            List<JsonObject> all = alicePc.client().received();
            List<JsonObject> got = all.subList(before, all.size());
            assertThat(got).noneMatch(f -> "message".equals(f.getString("type")) && blocked.messageId().equals(f.getString("messageId")));
            assertThat(got).noneMatch(f -> "presence".equals(f.getString("type"))
                    && "BUSY".equals(f.getJsonObject("presence").getString("aggregate")));
            assertThat(got).noneMatch(f -> "subscription.request".equals(f.getString("type")));
            JsonObject roster = alicePc.requests("roster.get", Json.createObjectBuilder());
            assertThat(roster.getJsonArray("pending")).isEmpty();
            assertThat(roster.getJsonArray("roster").getValuesAs(JsonObject.class))
                    .filteredOn(e -> e.getString("contact").equals(bob.address()))
                    .singleElement().satisfies(e -> assertThat(e.getJsonObject("presence").getString("aggregate")).isEqualTo("OFFLINE"));
            assertThat(alicePc.requests("block.list", Json.createObjectBuilder()).getJsonArray("blocks"))
                    .hasSize(2);

            // unblocked, bob is back: presence both ways, and his next message arrives
            alicePc.requests("block.remove", Json.createObjectBuilder().add("address", bob.address()));
            alicePc.sees(bob).as("BUSY");
            bobPc.sees(alice).online();
            Sent after = bobPc.sendsTo(alice, "now?");
            alicePc.receives(after);
        }
    }

    @Test
    void theUserWhoBlocksIsToldToUnblockFirstAndNobodyBlocksThemselves() {
        Isp a = Isp.a();
        User erin = a.registers("erin");
        User fred = a.registers("fred");
        try (Device erinPc = erin.logsOn("pc")) {
            block(erinPc, fred.localAddress());

            JsonObject refused = erinPc.client().request("message.send", Json.createObjectBuilder().add("to", fred.address())
                    .add("body", "hi"));
            assertThat(refused.getString("code")).as(refused.toString()).isEqualTo("blocked");
            JsonObject self = erinPc.client().request("block.add", Json.createObjectBuilder().add("address", erin.address()));
            assertThat(self.getString("code")).isEqualTo("validation_failed");
            JsonObject nonsense = erinPc.client().request("block.add", Json.createObjectBuilder().add("address", "not an address"));
            assertThat(nonsense.getString("code")).isEqualTo("validation_failed");
            JsonObject notBlocked = erinPc.client().request("block.remove", Json.createObjectBuilder().add("address", "xy@isp-z.example"));
            assertThat(notBlocked.getString("code")).isEqualTo("not_found");
        }
    }

    static void block(Device device, String address) {
        JsonObject result = device.requests("block.add", Json.createObjectBuilder().add("address", address));
        assertThat(result.getJsonObject("block").getString("address")).isEqualToIgnoringCase(address);
    }
}
