package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer served by several nodes (issue 18): its configuration names every federation endpoint (baseUrls), calls go
 * to each in turn, and past one that cannot be reached at once, so the peer's other nodes carry the traffic.
 */
class PeerEndpointsIT {

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "SOAP"})
    void messagesReachAPeerPastAnEndpointThatIsDown(String transport) throws IOException {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        String down = "https://" + b.domain() + ":" + portNobodyListensOn();
        String up = "https://" + b.domain() + ":" + b.federationPort();
        try {
            JsonObject peer = configure(a, b, transport, down, List.of(up));
            assertThat(peer.getString("baseUrl")).isEqualTo(down);
            assertThat(peer.getJsonArray("baseUrls").getValuesAs(jakarta.json.JsonString.class))
                    .extracting(jakarta.json.JsonString::getString).containsExactly(down, up);
            Federation.peer(b, a, "REST", false);
            String uma = Users.register(a, "uma", true);
            String vic = Users.register(b, "vic", true);
            String vicAddress = vic + "@isp-b-u.example";
            try (LocalClient u = LocalClient.login(a, uma, "pc"); LocalClient v = LocalClient.login(b, vic, "pc")) {
                List<String> ids = new ArrayList<>();
                for (int n = 0; n < 10; n++) {
                    JsonObject sent = u.request("message.send", Json.createObjectBuilder().add("to", vicAddress).add("body", "m" + n));
                    assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("forwarded");
                    ids.add(sent.getString("messageId"));
                }
                // each call tries the endpoint that is down first every other time, and goes on to the other at once:
                // no call waits for a retry (the first retry of a failed call is seconds later)
                v.await(f -> f.getString("type").equals("message") && f.getString("messageId").equals(ids.get(9)),
                        Duration.ofSeconds(15));
                v.request("ping");
                assertThat(v.received("message")).extracting(m -> m.getString("messageId")).containsExactlyElementsOf(ids);
                JsonObject health = Http.get(a.uri("/api/v1/admin/peers/" + b.domain()), "admin", IspServer.ADMIN_PASSWORD).json();
                assertThat(health.getBoolean("reachable")).as(health.toString()).isTrue();
            }
        } finally {
            Federation.peer(a, b, transport, false);
        }
    }

    @Test
    void endpointsThatAreNoHttpsUrlsAreRefusedByField() {
        IspServer a = IspServer.a();
        JsonObject body = Json.createObjectBuilder().add("domain", "isp-z.example")
                .add("baseUrls", Json.createArrayBuilder().add("https://isp-z.example:9543").add("http://isp-z.example:9543"))
                .build();
        Http.Answer refused = Http.postJson(a.uri("/api/v1/admin/peers"), body.toString(), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("baseUrls").doesNotContain("Exception");

        var many = Json.createArrayBuilder();
        for (int n = 0; n < 9; n++) {
            many.add("https://n" + n + ".isp-z.example:9543");
        }
        Http.Answer tooMany = Http.postJson(a.uri("/api/v1/admin/peers"),
                Json.createObjectBuilder().add("domain", "isp-z.example").add("baseUrls", many).build().toString(),
                "admin", IspServer.ADMIN_PASSWORD);
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
        assertThat(Http.get(a.uri("/api/v1/admin/peers/isp-z.example"), "admin", IspServer.ADMIN_PASSWORD).status()).isEqualTo(404);
    }

    private static JsonObject configure(IspServer at, IspServer peer, String transport, String baseUrl, List<String> more) {
        var urls = Json.createArrayBuilder();
        more.forEach(urls::add);
        String body = Json.createObjectBuilder().add("domain", peer.domain()).add("baseUrl", baseUrl).add("baseUrls", urls)
                .add("transport", transport).build().toString();
        Http.Answer answer = Http.putJson(at.uri("/api/v1/admin/peers/" + peer.domain()), body, "admin", IspServer.ADMIN_PASSWORD);
        if (answer.status() == 404) {
            answer = Http.postJson(at.uri("/api/v1/admin/peers"), body, "admin", IspServer.ADMIN_PASSWORD);
        }
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        return answer.json();
    }

    /** A port on this machine that nothing listens on: a connection to it is refused at once. */
    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
