package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** No loss: a peer that is down gets everything, once, when it is back; presence is resynchronised. */
class PeerDownIT {

    @Test
    void hundredMessagesSentWhileBIsDownArriveOnceAfterItsRestartAndPresenceCatchesUp() {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(a, b, "REST", false);
        Federation.peer(b, a, "SOAP", false);
        String jo = Users.register(a, "jo", true);
        String kai = Users.register(b, "kai", true);
        String joAddress = jo + "@isp-a-u.example";
        String kaiAddress = kai + "@isp-b-u.example";
        List<String> ids = new ArrayList<>();
        try (LocalClient j = LocalClient.login(a, jo, "pc")) {
            try (LocalClient k = LocalClient.login(b, kai, "pc")) {
                CrossIspIT.approve(j, joAddress, k, kaiAddress);
                CrossIspIT.approve(k, kaiAddress, j, joAddress);
                j.await(f -> CrossIspIT.presence(f, kaiAddress).equals("READY"), Duration.ofSeconds(10));
            }
            b.stopForTest();
            // jo changes state while B is away: B must learn it when it is back
            j.request("presence.set", Json.createObjectBuilder().add("state", "BUSY").add("statusText", "while you were out"));
            for (int n = 0; n < 100; n++) {
                JsonObject sent = j.request("message.send", Json.createObjectBuilder().add("to", kaiAddress).add("body", "m" + n));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("forwarded");
                ids.add(sent.getString("messageId"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> peer(a, "isp-b.example").getBoolean("reachable") == false);
            assertThat(peer(a, "isp-b.example").getInt("outboxDepth")).isGreaterThanOrEqualTo(100);

            b.startForTest();
            // kai's devices were logged off by B's restart: jo sees kai offline
            j.await(f -> CrossIspIT.presence(f, kaiAddress).equals("OFFLINE"), Duration.ofSeconds(30));
            try (LocalClient k = LocalClient.login(b, kai, "pc")) {
                k.await(f -> f.getString("type").equals("message") && f.getString("messageId").equals(ids.get(99)),
                        Duration.ofSeconds(60));
                k.request("ping");
                List<String> got = k.received("message").stream().map(m -> m.getString("messageId")).toList();
                assertThat(got).containsExactlyElementsOf(ids);
                // and kai sees jo as jo is now
                JsonObject joEntry = k.request("roster.get").getJsonArray("roster").getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("contact").equals(joAddress)).findFirst().orElseThrow();
                assertThat(joEntry.getJsonObject("presence").getString("aggregate")).isEqualTo("BUSY");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> peer(a, "isp-b.example").getInt("outboxDepth") == 0);
        }
    }

    private static JsonObject peer(IspServer at, String domain) {
        return Http.get(at.uri("/api/v1/admin/peers/" + domain), "admin", IspServer.ADMIN_PASSWORD).json();
    }
}
