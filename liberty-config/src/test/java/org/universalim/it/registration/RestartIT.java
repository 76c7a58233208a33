package org.universalim.it.registration;

import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database lives under the server: users, devices and alerts survive a stop and a start. */
class RestartIT {

    @Test
    void aRegisteredUserIsStillThereAfterARestart() {
        IspServer isp = IspServer.a();
        String local = Users.register(isp, "frank", false);
        String universal = Users.register(isp, "grace", true);
        // an alert of the local user on the universal one, still pending at the restart
        Http.postJson(isp.uri("/api/v1/me/devices"), "{\"name\": \"pc\"}", universal, Users.PASSWORD);
        Http.Answer alert = Http.postJson(isp.uri("/api/v1/me/alerts"), "{\"contact\": \"" + universal + "@isp-a.example\"}",
                local, Users.PASSWORD);
        long alertId = alert.json().getJsonNumber("id").longValue();
        // the local user is connected when the server stops
        LocalClient connected = LocalClient.login(isp, local, "laptop");

        isp.restart();
        connected.close();

        // nobody is connected after a restart: the device shows offline
        assertThat(Http.get(isp.uri("/api/v1/admin/users/" + local + "/presence"), "admin", IspServer.ADMIN_PASSWORD)
                .json().getString("aggregate")).isEqualTo("OFFLINE");

        assertThat(Http.get(isp.uri("/api/v1/users/" + local)).json().getString("localAddress"))
                .isEqualTo(local + "@isp-a.example");
        assertThat(Http.get(isp.uri("/api/v1/users/" + universal)).json().getString("universalAddress"))
                .isEqualTo(universal + "@isp-a-u.example");
        // the password still works: the credentials were stored, not kept in memory
        assertThat(Http.get(isp.uri("/api/v1/me"), universal, Users.PASSWORD).status()).isEqualTo(200);
        // the alert is still pending, and fires when its contact comes online after the restart
        assertThat(Http.get(isp.uri("/api/v1/me/alerts/" + alertId), local, Users.PASSWORD).json().getString("state"))
                .isEqualTo("PENDING");
        Http.putJson(isp.uri("/api/v1/me/devices/pc/state"), "{\"state\": \"READY\"}", universal, Users.PASSWORD);
        assertThat(Http.get(isp.uri("/api/v1/me/alerts/" + alertId), local, Users.PASSWORD).json().getString("state"))
                .isEqualTo("FIRED");
        // and the name is still taken
        assertThat(Http.postJson(isp.uri("/api/v1/registrations"), Users.request(local, true).build().toString()).status())
                .isEqualTo(409);
    }
}
