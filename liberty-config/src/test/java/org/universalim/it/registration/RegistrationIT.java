package org.universalim.it.registration;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration API over HTTP against a running ISP, as a client or a provisioning script uses it: input
 * checks, the own account, the upgrade to universal (R9). FIG. 5 itself is {@link Fig5RegistrationIT}.
 */
class RegistrationIT {

    static IspServer isp;

    @BeforeAll
    static void startIsp() {
        isp = IspServer.a();
    }

    @Test
    void malformedInputIsRefusedWith400AndAnErrorPerField() {
        String body = """
                {"userName": "9 lives!", "password": "short", "fullName": "", "email": "not-an-address",
                 "timeZone": "Mars/Olympus", "universal": true}""";
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), body);

        assertThat(answer.status()).isEqualTo(400);
        JsonObject error = answer.json();
        assertThat(error.getString("error")).isEqualTo("validation_failed");
        assertThat(error.getJsonArray("fieldErrors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .contains("userName", "password", "fullName", "email", "timeZone");
        assertThat(Http.get(isp.uri("/api/v1/users/9lives")).status()).isEqualTo(404);
    }

    @Test
    void unreadableBodiesAreRefusedWith400() {
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), "{\"userName\": ");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("error")).isEqualTo("malformed_request");

        Http.Answer noBody = Http.postJson(isp.uri("/api/v1/registrations"), "");
        assertThat(noBody.status()).isEqualTo(400);

        Http.Answer wrongType = Http.send(HttpRequest.newBuilder(isp.uri("/api/v1/registrations"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("alice")));
        assertThat(wrongType.status()).isEqualTo(415);
    }

    @Test
    void aLocalUserUpgradesToUniversalAndKeepsTheAccount() {
        String name = Users.register(isp, "dave", false);

        Http.Answer upgraded = Http.postJson(isp.uri("/api/v1/me/upgrade"), "", name, Users.PASSWORD);
        assertThat(upgraded.status()).isEqualTo(200);
        JsonObject account = upgraded.json();
        assertThat(account.getBoolean("universal")).isTrue();
        assertThat(account.getString("universalAddress")).isEqualTo(name + "@isp-a-u.example");
        assertThat(account.getString("localAddress")).isEqualTo(name + "@isp-a.example");
        assertThat(account.getJsonObject("attributes").getString("billingReference")).isEqualTo("ACC-" + name);

        // upgrading twice changes nothing
        assertThat(Http.postJson(isp.uri("/api/v1/me/upgrade"), "", name, Users.PASSWORD).json().getString("universalSince"))
                .isEqualTo(account.getString("universalSince"));
    }

    @Test
    void theOwnAccountNeedsTheRightPassword() {
        String name = Users.register(isp, "erin", false);

        assertThat(Http.get(isp.uri("/api/v1/me")).status()).isEqualTo(401);
        assertThat(Http.get(isp.uri("/api/v1/me"), name, "wrong password").status()).isEqualTo(401);
        assertThat(Http.postJson(isp.uri("/api/v1/me/upgrade"), "", name, "wrong password").status()).isEqualTo(401);
        Http.Answer mine = Http.get(isp.uri("/api/v1/me"), name.toUpperCase(), Users.PASSWORD);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().getString("userName")).isEqualTo(name);
        assertThat(Http.get(isp.uri("/api/v1/users/" + name)).json().getBoolean("universal")).isFalse();
    }

    @Test
    void anUnknownUserIs404() {
        Http.Answer answer = Http.get(isp.uri("/api/v1/users/nobody-here"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().getString("error")).isEqualTo("not_found");
    }

    @Test
    void theApiIsDescribedWithOpenApi() {
        Http.Answer answer = Http.get(isp.uri("/openapi"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("/api/v1/registrations").contains("/api/v1/users/{name}");
    }
}
