package org.universalim.it.registration;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** FIG. 5 over HTTP against a running ISP: what a client or a provisioning script sees. */
class RegistrationIT {

    static IspServer isp;

    @BeforeAll
    static void startIsp() {
        isp = IspServer.a();
    }

    @Test
    void aLocalOnlyUserGetsOneAddress() {
        String name = Users.unique("alice");
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), Users.request(name, false).build().toString());

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Location")).endsWith("/api/v1/users/" + name);
        JsonObject account = answer.json();
        assertThat(account.getString("localAddress")).isEqualTo(name + "@isp-a.example");
        assertThat(account.isNull("universalAddress")).isTrue();
        assertThat(account.getBoolean("universal")).isFalse();
        assertThat(account.getJsonObject("attributes").getString("fullName")).isEqualTo("Test " + name);
        assertThat(answer.body()).doesNotContain(Users.PASSWORD);
    }

    @Test
    void aUniversalUserGetsBothAddressesOnOneAccount() {
        String name = Users.unique("bob");
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), Users.request(name, true).build().toString());

        assertThat(answer.status()).isEqualTo(201);
        JsonObject account = answer.json();
        assertThat(account.getString("localAddress")).isEqualTo(name + "@isp-a.example");
        assertThat(account.getString("universalAddress")).isEqualTo(name + "@isp-a-u.example");
        assertThat(account.getBoolean("universal")).isTrue();

        JsonObject profile = Http.get(isp.uri("/api/v1/users/" + name)).json();
        assertThat(profile.getString("universalAddress")).isEqualTo(name + "@isp-a-u.example");
        assertThat(profile.getString("screenName")).isEqualTo(name.toUpperCase());
        // personal attributes are not public
        assertThat(profile.toString()).doesNotContain("Test Street").doesNotContain("ACC-").doesNotContain("@mail.example");
    }

    @Test
    void aTakenNameIsRefusedWith409WhateverItsCaseOrNamespace() {
        String name = Users.register(isp, "carol", true);
        Http.Answer again = Http.postJson(isp.uri("/api/v1/registrations"),
                Users.request(name.toUpperCase(), false).build().toString());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getString("error")).isEqualTo("name_taken");
        assertThat(again.body()).doesNotContain("Exception").doesNotContain("at org.");
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
