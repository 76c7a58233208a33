package org.universalim.it.federation;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replay records ({@code FEDERATION_INBOX}) are kept for the replay window only, and what a peer
 * sends again after that is still not applied twice. ISP C runs with a 15-second window
 * ({@link IspServer}), so the test sees the pruning happen.
 */
class InboxPruningIT {

    @Test
    void aTransactionReplayedAfterTheWindowIsForgottenButItsMessageIsNotDeliveredTwice() throws Exception {
        IspServer c = IspServer.c();
        String peer = Json.createObjectBuilder().add("domain", "isp-a.example")
                .add("baseUrl", "https://isp-a.example:" + (IspServer.portBase() + 543)).add("transport", "REST").build().toString();
        Http.Answer added = Http.postJson(c.uri("/api/v1/admin/peers"), peer, "admin", IspServer.ADMIN_PASSWORD);
        assertThat(added.status()).as(added.body()).isIn(201, 409);
        String ivy = Users.register(c, "ivy", true);
        String id = UUID.randomUUID().toString();
        String batch = batch(UUID.randomUUID().toString(), ivy, id, Instant.now());

        HttpResponse<String> first = Federation.rest(c, "messages", batch, "isp-a.example");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("status=\"accepted\"");
        // within the window the replay gets the first answer again
        assertThat(Federation.rest(c, "messages", batch, "isp-a.example").body()).isEqualTo(first.body());

        // once the record is pruned the transaction is answered afresh: the message is known, so it is a duplicate
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Federation.rest(c, "messages", batch, "isp-a.example").body().contains("status=\"duplicate\""));

        // a message dated before the window is refused, never delivered
        String stale = UUID.randomUUID().toString();
        HttpResponse<String> late = Federation.rest(c, "messages",
                batch(UUID.randomUUID().toString(), ivy, stale, Instant.now().minus(60, ChronoUnit.SECONDS)), "isp-a.example");
        assertThat(late.body()).contains("status=\"rejected\"").contains("code=\"expired\"");

        try (LocalClient client = LocalClient.login(c, ivy, "pc")) {
            client.awaitPush("message", f -> f.getString("messageId").equals(id));
            client.request("ping");
            assertThat(client.received("message")).extracting(f -> f.getString("messageId")).containsExactly(id);
        }
    }

    private static String batch(String tx, String to, String id, Instant sentAt) {
        return """
                <messageBatch xmlns="urn:universal-im:federation:1" transactionId="%s">
                  <message id="%s" from="alice@isp-a-u.example" to="%s@isp-c-u.example" application="text" securityLevel="0" sentAt="%s"><body>once</body></message>
                </messageBatch>""".formatted(tx, id, to, sentAt.truncatedTo(ChronoUnit.SECONDS));
    }
}
