package org.universalim.it.users;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration policy {@code invite} and the registration limits (issue 16), on a server of its own: without an
 * invitation, or with one that is unknown or used, registration is refused and nothing is registered; an invitation the
 * administrator makes works exactly once; from one client address at most 2 registrations an hour here (the address
 * as the log-in throttle takes it: the test is a trusted proxy naming a client per test), the next answered 429 with
 * Retry-After, its invitation still good for another client.
 */
class RegistrationPolicyIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = InviteServer.start();
    }

    @Test
    void withoutAnInvitationNobodyRegisters() {
        String name = Users.unique("nobody");
        Http.Answer refused = register(name, null, "203.0.113.10");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().getString("error")).isEqualTo("invitation_required");
        assertThat(Http.get(isp.uri("/api/v1/users/" + name)).status()).isEqualTo(404);
        assertThat(Http.get(isp.uri("/api/v1/registrations/policy")).json().getString("policy")).isEqualTo("invite");
        Http.Answer bogus = register(name, "not-a-token", "203.0.113.10");
        assertThat(bogus.status()).isEqualTo(403);
        assertThat(bogus.json().getString("error")).isEqualTo("invitation_invalid");
    }

    @Test
    void anInvitationWorksOnce() {
        JsonObject invitation = InviteServer.invitation();
        assertThat(invitation.getString("uri")).isEqualTo("xmpp:" + isp.universalDomain() + "?register;preauth="
                + invitation.getString("token"));
        String first = Users.unique("invited");
        Http.Answer registered = register(first, invitation.getString("token"), "203.0.113.20");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        Http.Answer again = register(Users.unique("second"), invitation.getString("token"), "203.0.113.21");
        assertThat(again.status()).as(again.body()).isEqualTo(403);
        assertThat(again.json().getString("error")).isEqualTo("invitation_invalid");
        Http.Answer list = Http.get(isp.uri("/api/v1/admin/invitations"), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(list.jsonArray().getValuesAs(JsonObject.class)).filteredOn(i -> i.getString("id").equals(invitation.getString("id")))
                .singleElement().satisfies(i -> {
                    assertThat(i.getString("state")).isEqualTo("used");
                    assertThat(i.getString("usedBy")).isEqualTo(first);
                    assertThat(i.isNull("token")).as("the token is shown once").isTrue();
                });
    }

    @Test
    void oneAddressRegistersAtMostTheLimitThenWaits() {
        String client = "203.0.113.30";
        for (int i = 0; i < InviteServer.PER_ADDRESS; i++) {
            Http.Answer ok = register(Users.unique("burst"), InviteServer.invitation().getString("token"), client);
            assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        }
        String token = InviteServer.invitation().getString("token");
        String name = Users.unique("burst");
        Http.Answer limited = register(name, token, client);

        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.json().getString("error")).isEqualTo("too_many_registrations");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(Http.get(isp.uri("/api/v1/users/" + name)).status()).isEqualTo(404);
        // the refused registration used up nothing: the invitation works for somebody else
        assertThat(register(name, token, "203.0.113.31").status()).isEqualTo(201);
    }

    static Http.Answer register(String name, String invitation, String clientAddress) {
        var body = Users.request(name, true);
        if (invitation != null) {
            body.add("invitation", invitation);
        }
        return Http.send(HttpRequest.newBuilder(isp.uri("/api/v1/registrations")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress).POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }
}
