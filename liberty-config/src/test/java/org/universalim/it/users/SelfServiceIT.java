package org.universalim.it.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.Sent;
import org.universalim.it.scenario.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-service over the JSON API (issue 16): the block list and privacy choices under /api/v1/me, editing the
 * profile by the registration's rules (a refused field changes nothing; the billing reference stays the ISP's), and
 * "export my data" with the profile, roster and history. Each acts on the signed-in user only.
 */
class SelfServiceIT {

    @Test
    void theBlockListAndPrivacyChoicesOverTheJsonApi() {
        IspServer a = IspServer.a();
        String pia = Users.register(a, "pia", false);
        Http.Answer blocked = Http.postJson(a.uri("/api/v1/me/blocks"), "{\"address\":\"Spammer@ISP-B.example\"}", pia, Users.PASSWORD);
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(201);
        assertThat(blocked.json().getString("address")).isEqualTo("spammer@isp-b.example");
        assertThat(Http.postJson(a.uri("/api/v1/me/blocks"), "{\"address\":\"isp-c.example\"}", pia, Users.PASSWORD).json()
                .getBoolean("domain")).isTrue();
        assertThat(Http.get(a.uri("/api/v1/me/blocks"), pia, Users.PASSWORD).jsonArray()).hasSize(2);
        assertThat(Http.postJson(a.uri("/api/v1/me/blocks"), "{\"address\":\"@@\"}", pia, Users.PASSWORD).status()).isEqualTo(400);
        assertThat(Http.delete(a.uri("/api/v1/me/blocks/isp-c.example"), pia, Users.PASSWORD).status()).isEqualTo(204);
        assertThat(Http.delete(a.uri("/api/v1/me/blocks/isp-c.example"), pia, Users.PASSWORD).status()).isEqualTo(404);
        assertThat(Http.get(a.uri("/api/v1/me/blocks"), "nobody", "whatever1").status()).isEqualTo(401);

        JsonObject privacy = Http.get(a.uri("/api/v1/me/privacy"), pia, Users.PASSWORD).json();
        assertThat(privacy.getString("strangers")).isEqualTo("allow");
        assertThat(privacy.isNull("chosen")).isTrue();
        Http.Answer bad = Http.putJson(a.uri("/api/v1/me/privacy"), "{\"strangers\":\"sometimes\"}", pia, Users.PASSWORD);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Http.putJson(a.uri("/api/v1/me/privacy"), "{\"strangers\":\"refuse\"}", pia, Users.PASSWORD).json()
                .getString("chosen")).isEqualTo("refuse");
        assertThat(Http.putJson(a.uri("/api/v1/me/privacy"), "{\"strangers\":\"default\"}", pia, Users.PASSWORD).json()
                .isNull("chosen")).isTrue();
    }

    @Test
    void theProfileIsEditedByTheRegistrationsRulesAndTheBillingReferenceStaysTheIsps() {
        IspServer a = IspServer.a();
        String quinn = Users.register(a, "quinn", false);
        Http.Answer bidi = Http.putJson(a.uri("/api/v1/me/profile"), "{\"screenName\":\"\\u202Enimda\"}", quinn, Users.PASSWORD);
        assertThat(bidi.status()).isEqualTo(400);
        assertThat(bidi.json().getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("screenName");

        Http.Answer edited = Http.putJson(a.uri("/api/v1/me/profile"), "{\"fullName\":\"  Quinn   Q \",\"email\":\"\","
                + "\"postalAddress\":\"2 New Road\",\"billingReference\":\"FREE\"}", quinn, Users.PASSWORD);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonObject attributes = edited.json().getJsonObject("attributes");
        assertThat(attributes.getString("fullName")).isEqualTo("Quinn Q");
        assertThat(attributes.isNull("email")).isTrue();
        assertThat(attributes.getString("postalAddress")).isEqualTo("2 New Road");
        assertThat(attributes.getString("billingReference")).isEqualTo("ACC-" + quinn);
        assertThat(attributes.getString("screenName")).as("left out, kept").isEqualTo(quinn.toUpperCase());
    }

    @Test
    void exportMyDataHasTheProfileTheRosterAndTheHistory() {
        Isp a = Isp.a();
        User rae = a.registers("rae");
        User sol = a.registers("sol");
        try (Device raePc = rae.logsOn("pc"); Device solPc = sol.logsOn("pc")) {
            raePc.andTheyLetEachOtherSee(solPc);
            Sent sent = raePc.sendsTo(sol, "for the record");
            solPc.receives(sent);

            Http.Answer export = Http.get(a.server().uri("/api/v1/me/export"), rae.name(), Users.PASSWORD);
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.header("Content-Disposition")).contains("attachment").contains(rae.name());
            JsonObject data = export.json();
            assertThat(data.getJsonObject("profile").getJsonObject("account").getString("userName")).isEqualTo(rae.name());
            assertThat(data.getJsonObject("profile").getJsonArray("roster").toString()).contains(sol.address());
            assertThat(data.getJsonArray("history").getValuesAs(JsonObject.class))
                    .anySatisfy(m -> {
                        assertThat(m.getString("body")).isEqualTo("for the record");
                        assertThat(m.getBoolean("outgoing")).isTrue();
                    });
            JsonObject overLocal = raePc.requests("account.export", Json.createObjectBuilder()).getJsonObject("export");
            assertThat(overLocal.getBoolean("historyComplete")).isTrue();
            assertThat(overLocal.getJsonArray("history")).hasSize(data.getJsonArray("history").size());
        }
    }
}
