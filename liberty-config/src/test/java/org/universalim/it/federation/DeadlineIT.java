package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A message its peer never takes comes back to its sender as an error at the deadline: never silently dropped. */
class DeadlineIT {

    @Test
    void aMessageForAPeerThatNeverAnswersFailsBackToItsSenderAtTheDeadline() {
        IspServer a = IspServer.a();
        // isp-x.example is a configured peer (its certificate exists) with no server behind it
        JsonObject peer = Json.createObjectBuilder().add("domain", "isp-x.example")
                .add("baseUrl", "https://isp-x.example:" + (a.federationPort() + 40)).add("transport", "REST")
                .add("deadlineSeconds", 3).build();
        Http.Answer added = Http.postJson(a.uri("/api/v1/admin/peers"), peer.toString(), "admin", IspServer.ADMIN_PASSWORD);
        if (added.status() == 409) {
            added = Http.putJson(a.uri("/api/v1/admin/peers/isp-x.example"), peer.toString(), "admin", IspServer.ADMIN_PASSWORD);
        }
        assertThat(added.status()).as(added.body()).isIn(200, 201);

        String lee = Users.register(a, "lee", true);
        try (LocalClient l = LocalClient.login(a, lee, "pc")) {
            JsonObject sent = l.request("message.send", Json.createObjectBuilder().add("to", "nobody@isp-x-u.example").add("body", "hi"));
            assertThat(sent.getString("status")).isEqualTo("forwarded");
            JsonObject failed = l.await(f -> f.getString("type").equals("receipt")
                    && f.getString("messageId").equals(sent.getString("messageId")), Duration.ofSeconds(30));
            assertThat(failed.getString("status")).isEqualTo("failed");
            assertThat(failed.getString("reason")).contains("isp-x.example").contains("deadline");
            assertThat(l.request("history.get", Json.createObjectBuilder().add("contact", "nobody@isp-x-u.example"))
                    .getJsonArray("messages").getJsonObject(0).getString("status")).isEqualTo("failed");
        }
        JsonObject health = Http.get(a.uri("/api/v1/admin/peers/isp-x.example"), "admin", IspServer.ADMIN_PASSWORD).json();
        assertThat(health.getBoolean("reachable")).isFalse();
        assertThat(health.getString("lastError")).isNotBlank();
        assertThat(health.getInt("outboxDepth")).isZero();
    }
}
