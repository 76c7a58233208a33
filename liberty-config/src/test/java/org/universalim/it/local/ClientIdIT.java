package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client may give a message its own id ({@code clientId} of {@code message.send}): a resend with the same id from the
 * same account, which a client makes when its connection went before the answer came, is the same message. It is
 * answered as the first send was, with the same message id, and the recipient gets the message once.
 */
class ClientIdIT {

    @Test
    void aResendWithTheSameClientIdIsTheSameMessage() {
        IspServer a = IspServer.a();
        String lea = Users.register(a, "lea", false);
        String max = Users.register(a, "max", false);
        String maxAddress = max + "@isp-a.example";
        try (LocalClient l = LocalClient.login(a, lea, "pc"); LocalClient m = LocalClient.login(a, max, "pc")) {
            JsonObject first = send(l, maxAddress, "hello once", "lea-1");
            JsonObject again = send(l, maxAddress, "hello once", "lea-1");
            assertThat(first.getString("type")).as(first.toString()).isEqualTo("result");
            assertThat(again.getString("type")).as(again.toString()).isEqualTo("result");
            assertThat(again.getString("messageId")).isEqualTo(first.getString("messageId"));
            assertThat(again.getString("status")).isEqualTo("sent");
            assertThat(again.getString("clientId")).isEqualTo("lea-1");

            // another client id is another message
            JsonObject other = send(l, maxAddress, "hello twice", "lea-2");
            assertThat(other.getString("messageId")).isNotEqualTo(first.getString("messageId"));
            m.await(f -> f.getString("type").equals("message") && f.getString("messageId").equals(other.getString("messageId")));
            m.request("ping");
            assertThat(m.received("message")).extracting(f -> f.getString("body")).containsExactly("hello once", "hello twice");
        }
    }

    @Test
    void theSameClientIdFromAnotherAccountIsAnotherMessage() {
        IspServer a = IspServer.a();
        String ned = Users.register(a, "ned", false);
        String ola = Users.register(a, "ola", false);
        String pia = Users.register(a, "pia", false);
        try (LocalClient n = LocalClient.login(a, ned, "pc"); LocalClient o = LocalClient.login(a, ola, "pc")) {
            JsonObject fromNed = send(n, pia + "@isp-a.example", "from ned", "shared-id");
            JsonObject fromOla = send(o, pia + "@isp-a.example", "from ola", "shared-id");
            assertThat(fromNed.getString("status")).isEqualTo("stored");
            assertThat(fromOla.getString("status")).isEqualTo("stored");
            assertThat(fromOla.getString("messageId")).isNotEqualTo(fromNed.getString("messageId"));
        }
        try (LocalClient p = LocalClient.login(a, pia, "pc")) {
            p.await(f -> f.getString("type").equals("message") && f.getString("body").equals("from ola"));
            assertThat(p.received("message")).hasSize(2);
        }
    }

    @Test
    void aResendToAUserOfAnotherIspIsForwardedOnce() {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(a, b, "REST", false);
        Federation.peer(b, a, "REST", false);
        String quin = Users.register(a, "quin", true);
        String rex = Users.register(b, "rex", true);
        try (LocalClient q = LocalClient.login(a, quin, "pc"); LocalClient r = LocalClient.login(b, rex, "pc")) {
            String to = rex + "@isp-b-u.example";
            JsonObject first = send(q, to, "across once", "quin-1");
            JsonObject again = send(q, to, "across once", "quin-1");
            assertThat(first.getString("status")).as(first.toString()).isEqualTo("forwarded");
            assertThat(again.getString("messageId")).isEqualTo(first.getString("messageId"));
            JsonObject next = send(q, to, "and on", "quin-2");
            r.await(f -> f.getString("type").equals("message") && f.getString("messageId").equals(next.getString("messageId")),
                    Duration.ofSeconds(30));
            r.request("ping");
            assertThat(r.received("message")).extracting(f -> f.getString("messageId"))
                    .containsExactly(first.getString("messageId"), next.getString("messageId"));
        }
    }

    @Test
    void aClientIdIsBounded() {
        IspServer a = IspServer.a();
        String sam = Users.register(a, "sam", false);
        try (LocalClient s = LocalClient.login(a, sam, "pc")) {
            JsonObject refused = send(s, sam + "@isp-a.example", "too long an id", "x".repeat(129));
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getString("code")).isEqualTo("validation_failed");
            assertThat(refused.getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("clientId");
        }
    }

    private static JsonObject send(LocalClient from, String to, String body, String clientId) {
        return from.request("message.send", Json.createObjectBuilder().add("to", to).add("body", body).add("clientId", clientId));
    }
}
