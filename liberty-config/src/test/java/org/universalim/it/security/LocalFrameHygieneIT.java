package org.universalim.it.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Local protocol answers hostile frames like any bad frame: deep nesting is {@code malformed_frame}, numbers
 * out of range are {@code validation_failed}, nothing echoes the parser, and malformed frames count against the
 * connection's rate limit.
 */
class LocalFrameHygieneIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void deepNestingIsAMalformedFrame() {
        try (LocalClient c = LocalClient.connect(isp)) {
            c.sendRaw("{\"type\": \"ping\", \"id\": \"deep\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
            assertThat(c.awaitPush("error", f -> true).getString("code")).isEqualTo("malformed_frame");
            assertThat(c.request("ping").getString("type")).isEqualTo("result");
        }
    }

    @Test
    void malformedFramesDoNotEchoTheParser() {
        try (LocalClient c = LocalClient.connect(isp)) {
            c.sendRaw("{\"type\": \"ping\", \"id\": ");
            JsonObject error = c.awaitPush("error", f -> true);
            assertThat(error.getString("code")).isEqualTo("malformed_frame");
            assertThat(error.getString("message")).doesNotContain("Invalid token", "line no", "Expected tokens", "Exception");
        }
    }

    @Test
    void numbersOutOfRangeAreRefusedNotWrapped() {
        String alice = Users.register(isp, "hyg", false);
        String bob = Users.register(isp, "hyg", false);
        try (LocalClient c = LocalClient.login(isp, alice, "pc")) {
            JsonObject send = c.request("message.send", Json.createObjectBuilder().add("to", bob + "@" + isp.domain())
                    .add("body", "hi").add("securityLevel", 4294967296L));
            assertThat(send.getString("code")).isEqualTo("validation_failed");
            assertThat(send.getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("securityLevel");
            JsonObject history = c.request("history.get", Json.createObjectBuilder().add("contact", bob + "@" + isp.domain())
                    .add("limit", 4294967346L));
            assertThat(history.getString("code")).isEqualTo("validation_failed");
            JsonObject alert = c.request("alert.cancel", Json.createObjectBuilder().add("alertId", new java.math.BigDecimal("1e30")));
            assertThat(alert.getString("code")).isEqualTo("validation_failed");
        }
    }

    @Test
    void malformedFramesCountAgainstTheRateLimit() {
        // a burst of 200 and 50 a second, malformed frames too: the last 100 of 300 are read over two seconds, none refused
        int frames = 300;
        try (LocalClient c = LocalClient.connect(isp)) {
            long began = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                c.sendRaw("not json " + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> c.received("error").size() >= frames);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(c.received("error")).extracting(f -> f.getString("code")).containsOnly("malformed_frame");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(c.isClosed()).isFalse();
        }
    }
}
