package org.universalim.it.registration;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/** Two ISPs side by side on one machine, each with its own ports and database. */
class TwoIspsIT {

    @Test
    void eachIspAcceptsItsOwnRegistrationsIntoItsOwnDatabase() {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        String name = Users.unique("heidi");

        Http.Answer onA = Http.postJson(a.uri("/api/v1/registrations"), Users.request(name, true).build().toString());
        Http.Answer onB = Http.postJson(b.uri("/api/v1/registrations"), Users.request(name, false).build().toString());

        // the same name is free on each ISP: they do not share a database
        assertThat(onA.status()).isEqualTo(201);
        assertThat(onB.status()).isEqualTo(201);
        assertThat(onA.json().getString("universalAddress")).isEqualTo(name + "@isp-a-u.example");
        assertThat(onB.json().getString("localAddress")).isEqualTo(name + "@isp-b.example");

        String onlyOnB = Users.register(b, "ivan", false);
        assertThat(Http.get(b.uri("/api/v1/users/" + onlyOnB)).status()).isEqualTo(200);
        assertThat(Http.get(a.uri("/api/v1/users/" + onlyOnB)).status()).isEqualTo(404);

        JsonObject health = Http.get(b.uri("/health/ready")).json();
        assertThat(health.toString()).contains("isp-b.example").contains("isp-b-u.example");
    }
}
