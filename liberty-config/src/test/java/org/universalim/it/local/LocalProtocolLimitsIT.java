package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.WebSocketHandshake;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear error and the connection survives; limits are enforced. */
class LocalProtocolLimitsIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void malformedFramesGetErrorsAndTheConnectionSurvives() {
        try (LocalClient c = LocalClient.connect(isp)) {
            c.sendRaw("this is not json");
            assertThat(c.awaitPush("error", f -> true).getString("code")).isEqualTo("malformed_frame");
            c.clear();
            c.sendRaw("[1, 2, 3]");
            assertThat(c.awaitPush("error", f -> true).getString("code")).isEqualTo("malformed_frame");
            c.clear();
            c.sendRaw("{\"no\": \"type\"}");
            assertThat(c.awaitPush("error", f -> true).getString("code")).isEqualTo("malformed_frame");

            assertThat(c.request("roster.get").getString("code")).isEqualTo("not_authenticated");
            assertThat(c.request("login", Json.createObjectBuilder().add("user", "nobody-x").add("password", "whatever1")
                    .add("device", "pc")).getString("code")).isEqualTo("authentication_failed");
            assertThat(c.request("login", Json.createObjectBuilder().add("user", 42)).getString("code"))
                    .isEqualTo("validation_failed");
            assertThat(c.request("ping").getString("type")).isEqualTo("result");
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void afterLogInUnknownTypesAndBadFieldsAreErrorsToo() {
        String rita = Users.register(isp, "rita", false);
        try (LocalClient c = LocalClient.login(isp, rita, "pc")) {
            JsonObject unknown = c.request("teleport");
            assertThat(unknown.getString("code")).isEqualTo("unknown_type");
            JsonObject bad = c.request("message.send", Json.createObjectBuilder().add("to", "xy@isp-a.example")
                    .add("body", "x").add("securityLevel", 9));
            assertThat(bad.getString("code")).isEqualTo("validation_failed");
            assertThat(bad.getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("securityLevel");
            assertThat(c.request("presence.set", Json.createObjectBuilder().add("state", "ASLEEP")).getString("code"))
                    .isEqualTo("validation_failed");
            assertThat(c.request("login", Json.createObjectBuilder().add("user", rita).add("password", Users.PASSWORD)
                    .add("device", "pc")).getString("code")).isEqualTo("already_authenticated");
            assertThat(c.request("ping").getString("type")).isEqualTo("result");
        }
    }

    @Test
    void anOversizeFrameClosesWith1009() {
        try (LocalClient c = LocalClient.connect(isp)) {
            c.sendRaw("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(70_000) + "\"}");
            assertThat(c.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aPageFromAnotherOriginIsRefusedAtTheHandshakeButTheSameOriginIsNot() {
        assertThat(WebSocketHandshake.status(isp.ws("/ws/local"), "http://evil.example", null)).isEqualTo(403);
        try (LocalClient same = LocalClient.connect(isp, "http://127.0.0.1:" + isp.httpPort())) {
            assertThat(same.request("ping").getString("type")).isEqualTo("result");
        }
    }

    @Test
    void aFloodFarBeyondWhatMayWaitClosesTheConnectionWith1008() {
        // 200 at once, then 50 a second; at most 1,000 more wait their turn (ws.backlog.frames): the rest ends the connection
        try (LocalClient c = LocalClient.connect(isp)) {
            for (int i = 0; i < 3000 && !c.isClosed(); i++) {
                try {
                    c.sendRaw("{\"type\": \"ping\", \"id\": \"f" + i + "\"}");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            // 1008, unless the server's TCP reset for the flood's frames it will never read overtook its close frame (-1)
            assertThat(c.awaitClose()).isIn(1008, -1);
            assertThat(c.received("error")).as("nothing is refused one by one").isEmpty();
            assertThat(c.received("result").size()).as("answered before the end: the burst and what the rate let through")
                    .isBetween(1, 1200); // fewer than the burst when the reset discards answers not read yet
        }
        try (LocalClient next = LocalClient.connect(isp)) {
            assertThat(next.request("ping").getString("type")).isEqualTo("result");
        }
    }

    @Test
    void aSecondLogInOfTheSameDeviceReplacesTheFirst() {
        String sam = Users.register(isp, "sam", false);
        try (LocalClient first = LocalClient.login(isp, sam, "pc"); LocalClient second = LocalClient.login(isp, sam, "pc")) {
            assertThat(first.awaitClose()).isEqualTo(1000);
            assertThat(second.request("ping").getString("type")).isEqualTo("result");
        }
    }
}
