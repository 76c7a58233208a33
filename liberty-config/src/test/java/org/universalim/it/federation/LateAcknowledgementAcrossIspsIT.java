package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message from another ISP acknowledged late: the recipient's device took it but its connection went before it
 * acknowledged, and it gives the acknowledgement with its next log-on ({@code acks}, docs/reliability.md). The sender
 * at the other ISP is told it was delivered, as for an acknowledgement in time (issue 14: the fault suite's TCP-reset
 * and kill -9 rounds lost exactly these receipts: the recipient's ISP named the recipient by its local address, which
 * the sender's ISP did not recognise).
 */
class LateAcknowledgementAcrossIspsIT {

    @Test
    void anAcknowledgementGivenWithTheNextLogOnReachesTheSenderAtTheOtherIsp() {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(a, b, "REST", false);
        Federation.peer(b, a, "SOAP", false);
        String hana = Users.register(a, "hana", true);
        String ivo = Users.register(b, "ivo", true);
        String hanaAddress = hana + "@isp-a-u.example";
        try (LocalClient i = LocalClient.login(b, ivo, "pc")) {
            String id;
            try (LocalClient h = LocalClient.login(a, hana, "pc").autoAck(false)) {
                JsonObject sent = i.request("message.send", Json.createObjectBuilder().add("to", hanaAddress).add("body", "late"));
                assertThat(sent.getString("type")).as(sent.toString()).isEqualTo("result");
                id = sent.getString("messageId");
                h.await(f -> f.getString("type").equals("message") && f.getString("messageId").equals(id), Duration.ofSeconds(30));
                // the connection goes before the acknowledgement
            }
            try (LocalClient h = LocalClient.connect(a)) {
                JsonObject login = h.request("login", Json.createObjectBuilder().add("user", hana).add("password", Users.PASSWORD)
                        .add("device", "pc").add("acks", Json.createArrayBuilder().add(id)));
                assertThat(login.getString("type")).as(login.toString()).isEqualTo("result");

                JsonObject receipt = i.await(f -> f.getString("type").equals("receipt") && f.getString("messageId").equals(id)
                        && f.getString("status").equals("delivered"), Duration.ofSeconds(30));
                assertThat(receipt.getString("device")).isEqualTo("pc");
                await("the status in the sender's history").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonObject history = i.request("history.get", Json.createObjectBuilder().add("contact", hanaAddress).add("limit", 10));
                    assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                            .filteredOn(m -> m.getString("messageId").equals(id))
                            .extracting(m -> m.getString("status")).containsExactly("delivered");
                });
                // and the device that acknowledged it is not given it again
                h.request("ping");
                assertThat(h.received("message")).extracting(m -> m.getString("messageId")).doesNotContain(id);
            }
        }
    }
}
