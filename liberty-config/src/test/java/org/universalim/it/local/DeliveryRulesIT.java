package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The presence logic rules (R4) deciding real deliveries: device order, failover, security level, type. */
class DeliveryRulesIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    /** PC (level 1), PDA (level 3), phone (level 0, text and voice), tried in that order, 1.5 s to acknowledge. */
    private static void patentUser(String user) {
        post(user, "devices", "{\"name\": \"pc\", \"type\": \"PC\", \"securityLevel\": 1}");
        post(user, "devices", "{\"name\": \"pda\", \"type\": \"PDA\", \"securityLevel\": 3}");
        post(user, "devices", "{\"name\": \"phone\", \"type\": \"CELL_PHONE\", \"applications\": [\"text\", \"voice\"]}");
        Http.Answer rules = Http.putJson(isp.uri("/api/v1/me/rules"),
                "{\"deviceOrder\": [\"pc\", \"pda\", \"phone\"], \"ackTimeoutMillis\": 1500}", user, Users.PASSWORD);
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
    }

    private static void post(String user, String path, String json) {
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/me/" + path), json, user, Users.PASSWORD);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static JsonObject send(LocalClient from, String to, String body, int level, String application) {
        JsonObject result = from.request("message.send", Json.createObjectBuilder().add("to", to).add("body", body)
                .add("securityLevel", level).add("application", application));
        assertThat(result.getString("type")).as(result.toString()).isEqualTo("result");
        return result;
    }

    @Test
    void thePcGetsTheMessageAndThePdaWhenThePcDoesNotAcknowledge() {
        String bob = Users.register(isp, "bob", false);
        String alice = Users.register(isp, "alice", false);
        patentUser(bob);
        try (LocalClient pc = LocalClient.login(isp, bob, "pc").autoAck(false);
             LocalClient pda = LocalClient.login(isp, bob, "pda");
             LocalClient phone = LocalClient.login(isp, bob, "phone");
             LocalClient a = LocalClient.login(isp, alice, "laptop")) {
            JsonObject sent = send(a, bob + "@isp-a.example", "are you there?", 0, "text");
            assertThat(sent.getString("device")).isEqualTo("pc");
            String id = sent.getString("messageId");
            pc.awaitPush("message", f -> f.getString("messageId").equals(id));

            // the PC does not acknowledge within 1.5 s: the PDA gets it
            pda.await(f -> f.getString("type").equals("message") && f.getString("messageId").equals(id), Duration.ofSeconds(6));
            JsonObject receipt = a.awaitPush("receipt", f -> f.getString("messageId").equals(id));
            assertThat(receipt.getString("status")).isEqualTo("delivered");
            assertThat(receipt.getString("device")).isEqualTo("pda");
            assertThat(phone.received("message")).isEmpty();
        }
    }

    @Test
    void aConfidentialMessageSkipsLowSecurityDevicesAndVoiceGoesToThePhone() {
        String bob = Users.register(isp, "bob", false);
        String alice = Users.register(isp, "alice", false);
        patentUser(bob);
        try (LocalClient pc = LocalClient.login(isp, bob, "pc");
             LocalClient pda = LocalClient.login(isp, bob, "pda");
             LocalClient phone = LocalClient.login(isp, bob, "phone");
             LocalClient a = LocalClient.login(isp, alice, "laptop")) {
            JsonObject secret = send(a, bob + "@isp-a.example", "the code is 1234", 3, "text");
            assertThat(secret.getString("device")).isEqualTo("pda");
            pda.awaitPush("message", f -> f.getString("messageId").equals(secret.getString("messageId")));

            JsonObject call = send(a, bob + "@isp-a.example", "voice://call/42", 0, "voice");
            assertThat(call.getString("device")).isEqualTo("phone");
            JsonObject got = phone.awaitPush("message", f -> f.getString("messageId").equals(call.getString("messageId")));
            assertThat(got.getString("application")).isEqualTo("voice");
            assertThat(pc.received("message")).isEmpty();
        }
    }

    @Test
    void aStatusProbeOfAFixedAddressDeviceIsAnsweredApplicationToApplication() {
        String home = Users.register(isp, "home", false);
        String owner = Users.register(isp, "owner", false);
        post(home, "devices", "{\"name\": \"thermostat\", \"type\": \"APPLICATION\", \"applications\": [\"status-probe\"], "
                + "\"endpoint\": \"192.0.2.44\", \"fixedAddress\": true}");
        try (LocalClient thermostat = LocalClient.login(isp, home, "thermostat");
             LocalClient o = LocalClient.login(isp, owner, "phone")) {
            JsonObject probe = send(o, home + "@isp-a.example", "{\"probe\": \"temperature\"}", 0, "status-probe");
            JsonObject got = thermostat.awaitPush("message", f -> f.getString("messageId").equals(probe.getString("messageId")));
            assertThat(got.getString("application")).isEqualTo("status-probe");
            send(thermostat, owner + "@isp-a.example", "{\"temperature\": 21.5}", 0, "status-probe");
            // the owner's phone supports only text: the answer waits in storage for a device that takes it
            assertThat(o.received("message")).isEmpty();

            // a text message to the thermostat finds no device for it
            JsonObject text = o.request("message.send", Json.createObjectBuilder().add("to", home + "@isp-a.example").add("body", "hi"));
            assertThat(text.getString("status")).isEqualTo("stored");
            assertThat(text.getString("reason")).contains("supports this kind of message");
        }
    }
}
