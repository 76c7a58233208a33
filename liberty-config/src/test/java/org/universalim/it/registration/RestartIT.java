package org.universalim.it.registration;

import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database lives under the server: users survive a stop and a start. */
class RestartIT {

    @Test
    void aRegisteredUserIsStillThereAfterARestart() {
        IspServer isp = IspServer.a();
        String local = Users.register(isp, "frank", false);
        String universal = Users.register(isp, "grace", true);

        isp.restart();

        assertThat(Http.get(isp.uri("/api/v1/users/" + local)).json().getString("localAddress"))
                .isEqualTo(local + "@isp-a.example");
        assertThat(Http.get(isp.uri("/api/v1/users/" + universal)).json().getString("universalAddress"))
                .isEqualTo(universal + "@isp-a-u.example");
        // the password still works: the credentials were stored, not kept in memory
        assertThat(Http.get(isp.uri("/api/v1/me"), universal, Users.PASSWORD).status()).isEqualTo(200);
        // and the name is still taken
        assertThat(Http.postJson(isp.uri("/api/v1/registrations"), Users.request(local, true).build().toString()).status())
                .isEqualTo(409);
    }
}
