package org.universalim.it.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user changes their own password (issue 16): the current one is required; the user's other sessions are logged
 * off, the one that changed it stays; the old password no longer works anywhere, the new one everywhere (the SCRAM
 * credentials are derived anew). A refused change changes nothing.
 */
class PasswordChangeIT {

    static final String NEW_PASSWORD = "a brand new secret";

    @Test
    void aPasswordChangeLogsTheOtherSessionsOffAndOnlyTheNewPasswordWorks() {
        IspServer a = IspServer.a();
        String hal = Users.register(a, "hal", true);
        try (LocalClient pc = LocalClient.login(a, hal, "pc"); LocalClient phone = LocalClient.login(a, hal, "phone")) {
            JsonObject changed = pc.request("account.password", Json.createObjectBuilder().add("oldPassword", Users.PASSWORD)
                    .add("newPassword", NEW_PASSWORD));
            assertThat(changed.getString("type")).as(changed.toString()).isEqualTo("result");

            phone.awaitClose();
            assertThat(pc.request("ping").getString("type")).as("the session that changed it stays").isEqualTo("result");
            assertThat(login(a, hal, Users.PASSWORD).getString("code")).isEqualTo("authentication_failed");
            assertThat(login(a, hal, NEW_PASSWORD).getString("type")).isEqualTo("result");
            assertThat(Http.get(a.uri("/api/v1/me"), hal, NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(Http.get(a.uri("/api/v1/me"), hal, Users.PASSWORD).status()).isEqualTo(401);
        }
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        IspServer a = IspServer.a();
        String ida = Users.register(a, "ida", false);
        try (LocalClient pc = LocalClient.login(a, ida, "pc"); LocalClient phone = LocalClient.login(a, ida, "phone")) {
            JsonObject refused = pc.request("account.password", Json.createObjectBuilder().add("oldPassword", "not my password")
                    .add("newPassword", NEW_PASSWORD));
            assertThat(refused.getString("code")).isEqualTo("validation_failed");
            assertThat(refused.getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("oldPassword");
            JsonObject tooShort = pc.request("account.password", Json.createObjectBuilder().add("oldPassword", Users.PASSWORD)
                    .add("newPassword", "short"));
            assertThat(tooShort.getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("newPassword");

            assertThat(phone.request("ping").getString("type")).isEqualTo("result");
            assertThat(login(a, ida, Users.PASSWORD).getString("type")).isEqualTo("result");
        }
    }

    @Test
    void overTheJsonApiToo() {
        IspServer a = IspServer.a();
        String jo = Users.register(a, "jo", false);
        Http.Answer wrong = Http.putJson(a.uri("/api/v1/me/password"), "{\"oldPassword\":\"nope nope\",\"newPassword\":\""
                + NEW_PASSWORD + "\"}", jo, Users.PASSWORD);
        assertThat(wrong.status()).isEqualTo(400);
        Http.Answer changed = Http.putJson(a.uri("/api/v1/me/password"), "{\"oldPassword\":\"" + Users.PASSWORD
                + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}", jo, Users.PASSWORD);
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(Http.get(a.uri("/api/v1/me"), jo, NEW_PASSWORD).status()).isEqualTo(200);
    }

    private static JsonObject login(IspServer isp, String user, String password) {
        try (LocalClient c = LocalClient.connect(isp)) {
            return c.request("login", Json.createObjectBuilder().add("user", user).add("password", password).add("device", "check"));
        }
    }
}
