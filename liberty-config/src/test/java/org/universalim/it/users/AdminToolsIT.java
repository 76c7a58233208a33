package org.universalim.it.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ISP's tools of issue 16 over the administration API: a user's offline box seen and purged, a peer's outbox seen
 * and purged, the senders of what is purged told with a failed receipt; accounts created whatever the registration
 * policy.
 */
class AdminToolsIT {

    static final String ADMIN = "admin";

    @Test
    void purgingAUsersOfflineBoxTellsTheSenders() {
        IspServer a = IspServer.a();
        String tom = Users.register(a, "tom", false);
        String uma = Users.register(a, "uma", false);
        try (LocalClient u = LocalClient.login(a, uma, "pc")) {
            String id = u.request("message.send", Json.createObjectBuilder().add("to", tom + "@" + a.domain()).add("body", "later"))
                    .getString("messageId");
            JsonObject box = Http.get(a.uri("/api/v1/admin/users/" + tom + "/offline"), ADMIN, IspServer.ADMIN_PASSWORD).json();
            assertThat(box.getInt("waiting")).isEqualTo(1);
            assertThat(box.toString()).doesNotContain("later");

            Http.Answer purged = Http.delete(a.uri("/api/v1/admin/users/" + tom + "/offline"), ADMIN, IspServer.ADMIN_PASSWORD);
            assertThat(purged.json().getInt("purged")).isEqualTo(1);
            JsonObject receipt = u.await(f -> "receipt".equals(f.getString("type")) && id.equals(f.getString("messageId")));
            assertThat(receipt.getString("status")).isEqualTo("failed");
            assertThat(receipt.getString("reason")).isEqualTo("purged");
            try (LocalClient t = LocalClient.login(a, tom, "pc")) {
                t.request("ping");
                assertThat(t.received("message")).isEmpty();
            }
        }
    }

    @Test
    void aPeersOutboxIsSeenAndPurgedAndTheSendersAreTold() {
        IspServer a = IspServer.a();
        String peer = "gone-" + Users.unique("isp").replace('-', 'x') + ".example";
        Http.Answer added = Http.postJson(a.uri("/api/v1/admin/peers"), Json.createObjectBuilder().add("domain", peer)
                .add("baseUrl", "https://" + peer + ":1").add("transport", "REST").build().toString(), ADMIN, IspServer.ADMIN_PASSWORD);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        try {
            String vic = Users.register(a, "vic", true);
            String recipient = "wes@" + peer.replaceFirst("\\.", "-u.");
            try (LocalClient v = LocalClient.login(a, vic, "pc")) {
                JsonObject sent = v.request("message.send", Json.createObjectBuilder().add("to", recipient).add("body", "stuck"));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("forwarded");
                String id = sent.getString("messageId");
                var outbox = Http.get(a.uri("/api/v1/admin/peers/" + peer + "/outbox"), ADMIN, IspServer.ADMIN_PASSWORD).jsonArray();
                assertThat(outbox.getValuesAs(JsonObject.class)).anySatisfy(i -> {
                    assertThat(i.getString("operation")).isEqualTo("messages");
                    assertThat(i.getString("subject")).isEqualTo(id);
                    assertThat(i.getString("senderUser")).isEqualTo(vic);
                });

                Http.Answer purged = Http.delete(a.uri("/api/v1/admin/peers/" + peer + "/outbox"), ADMIN, IspServer.ADMIN_PASSWORD);
                assertThat(purged.json().getInt("purged")).isGreaterThanOrEqualTo(1);
                JsonObject receipt = v.await(f -> "receipt".equals(f.getString("type")) && id.equals(f.getString("messageId")),
                        Duration.ofSeconds(15));
                assertThat(receipt.getString("status")).isEqualTo("failed");
                assertThat(receipt.getString("reason")).contains("purged");
                assertThat(Http.get(a.uri("/api/v1/admin/peers/" + peer + "/outbox"), ADMIN, IspServer.ADMIN_PASSWORD).jsonArray())
                        .isEmpty();
            }
        } finally {
            Http.delete(a.uri("/api/v1/admin/peers/" + peer), ADMIN, IspServer.ADMIN_PASSWORD);
        }
    }

    @Test
    void theAdministratorCreatesAccounts() {
        IspServer a = IspServer.a();
        String name = Users.unique("made");
        Http.Answer created = Http.postJson(a.uri("/api/v1/admin/users"), Users.request(name, false).build().toString(), ADMIN,
                IspServer.ADMIN_PASSWORD);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(Http.get(a.uri("/api/v1/me"), name, Users.PASSWORD).status()).isEqualTo(200);
        assertThat(Http.postJson(a.uri("/api/v1/admin/users"), Users.request(name, false).build().toString(), name,
                Users.PASSWORD).status()).as("a user is no administrator").isEqualTo(403);
    }
}
