package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages between ISPs over each transport, both ways: delivered once, in order, with receipts. */
class CrossIspMessagesIT {

    static final int COUNT = 20;

    @ParameterizedTest(name = "A to B over {0}, B to A over {1}")
    @CsvSource({"REST, SOAP", "SOAP, REST"})
    void messagesCrossBothWaysOnceAndInOrder(String aToB, String bToA) {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(a, b, aToB, false);
        Federation.peer(b, a, bToA, false);
        String hana = Users.register(a, "hana", true);
        String ivo = Users.register(b, "ivo", true);
        String hanaAddress = hana + "@isp-a-u.example";
        String ivoAddress = ivo + "@isp-b-u.example";
        try (LocalClient h = LocalClient.login(a, hana, "pc"); LocalClient i = LocalClient.login(b, ivo, "pc")) {
            List<String> sentByHana = send(h, ivoAddress, "from hana ");
            List<String> sentByIvo = send(i, hanaAddress, "from ivo ");

            assertOnceInOrder(i, hanaAddress, sentByHana, "from hana ");
            assertOnceInOrder(h, ivoAddress, sentByIvo, "from ivo ");
            // the senders learn that the messages were delivered, on which device
            for (String id : sentByHana) {
                JsonObject receipt = h.await(f -> f.getString("type").equals("receipt") && f.getString("messageId").equals(id)
                        && f.getString("status").equals("delivered"), Duration.ofSeconds(15));
                assertThat(receipt.getString("device")).isEqualTo("pc");
            }
            List<JsonObject> history = h.request("history.get", Json.createObjectBuilder().add("contact", ivoAddress)
                    .add("limit", 100)).getJsonArray("messages").getValuesAs(JsonObject.class);
            assertThat(history).hasSize(2 * COUNT);
        }
    }

    private static List<String> send(LocalClient from, String to, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < COUNT; n++) {
            JsonObject result = from.request("message.send", Json.createObjectBuilder().add("to", to).add("body", prefix + n));
            assertThat(result.getString("type")).as(result.toString()).isEqualTo("result");
            assertThat(result.getString("status")).isEqualTo("forwarded");
            ids.add(result.getString("messageId"));
        }
        return ids;
    }

    private static void assertOnceInOrder(LocalClient to, String from, List<String> ids, String prefix) {
        to.await(f -> f.getString("type").equals("message") && f.getString("messageId").equals(ids.get(ids.size() - 1)),
                Duration.ofSeconds(30));
        to.request("ping");
        List<JsonObject> got = to.received("message").stream().filter(m -> m.getString("from").equals(from)).toList();
        assertThat(got).extracting(m -> m.getString("messageId")).containsExactlyElementsOf(ids);
        assertThat(got).allSatisfy(m -> {
            assertThat(m.getString("format")).isEqualTo("xml");
            assertThat(m.getString("xml")).contains(prefix);
        });
    }
}
