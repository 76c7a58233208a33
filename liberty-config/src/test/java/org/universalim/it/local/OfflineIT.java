package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages to a user with no device online are stored, bounded, and delivered in order at the next log-on. */
class OfflineIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void messagesToAnOfflineUserArriveInOrderAtTheNextLogOn() {
        String gina = Users.register(isp, "gina", false);
        String hal = Users.register(isp, "hal", false);
        try (LocalClient h = LocalClient.login(isp, hal, "pc")) {
            for (int i = 1; i <= 3; i++) {
                JsonObject sent = h.request("message.send", Json.createObjectBuilder().add("to", gina + "@isp-a.example")
                        .add("body", "message " + i));
                assertThat(sent.getString("status")).isEqualTo("stored");
                assertThat(sent.getString("reason")).startsWith(gina + "@isp-a.example has no device");
            }
            try (LocalClient g = LocalClient.login(isp, gina, "phone")) {
                g.await(f -> f.getString("type").equals("message") && f.getString("body").equals("message 3"));
                List<JsonObject> got = g.received("message");
                assertThat(got).extracting(m -> m.getString("body")).containsExactly("message 1", "message 2", "message 3");
                assertThat(got).allSatisfy(m -> assertThat(m.getBoolean("offline")).isTrue());
                // the sender learns that they were delivered
                for (JsonObject m : got) {
                    h.awaitPush("receipt", r -> r.getString("messageId").equals(m.getString("messageId"))
                            && r.getString("status").equals("delivered"));
                }
            }
            // delivered once: the next log-on brings nothing
            try (LocalClient again = LocalClient.login(isp, gina, "phone")) {
                again.request("ping");
                assertThat(again.received("message")).isEmpty();
            }
        }
    }

    @Test
    void aFullStorageIsRefusedClearlyAndLosesNothingStored() {
        String ivy = Users.register(isp, "ivy", false);
        String jim = Users.register(isp, "jim", false);
        try (LocalClient j = LocalClient.login(isp, jim, "pc")) {
            for (int i = 1; i <= IspServer.OFFLINE_MAX; i++) {
                assertThat(j.request("message.send", Json.createObjectBuilder().add("to", ivy + "@isp-a.example")
                        .add("body", "n" + i)).getString("status")).isEqualTo("stored");
            }
            JsonObject refused = j.request("message.send", Json.createObjectBuilder().add("to", ivy + "@isp-a.example")
                    .add("body", "one too many"));
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getString("code")).isEqualTo("offline_storage_full");
        }
        try (LocalClient i = LocalClient.login(isp, ivy, "pc")) {
            i.await(f -> f.getString("type").equals("message") && f.getString("body").equals("n" + IspServer.OFFLINE_MAX));
            assertThat(i.received("message")).hasSize(IspServer.OFFLINE_MAX);
        }
    }

    @Test
    void aMessageToAnUnknownUserIsAnError() {
        String kim = Users.register(isp, "kim", false);
        try (LocalClient k = LocalClient.login(isp, kim, "pc")) {
            JsonObject unknown = k.request("message.send", Json.createObjectBuilder().add("to", "nobody-at-all@isp-a.example")
                    .add("body", "hello?"));
            assertThat(unknown.getString("code")).isEqualTo("unknown_recipient");
            JsonObject foreign = k.request("message.send", Json.createObjectBuilder().add("to", "someone@isp-z-u.example")
                    .add("body", "hello?"));
            assertThat(foreign.getString("type")).isEqualTo("error");
            // a domain that is no peer is an XMPP server reached over s2s (docs/xmpp-tcp.md): only universal users may
            // reach users of other servers, and kim is not one
            assertThat(foreign.getString("code")).isEqualTo("not_universal");
            JsonObject bad = k.request("message.send", Json.createObjectBuilder().add("to", "not an address").add("body", "x"));
            assertThat(bad.getString("code")).isEqualTo("validation_failed");
        }
    }
}
