package org.universalim.it.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.universalim.it.Http;
import org.universalim.it.IspServer;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server with registration by invitation, shared with the browser test of the registration page. */
public final class InviteServer {

    public static final int PER_ADDRESS = 2;

    private InviteServer() {
    }

    public static IspServer start() {
        // the tests are a trusted proxy that names a client address per test (X-Forwarded-For)
        return IspServer.tuned("invite", 7, Map.of("REGISTRATION_POLICY", "invite",
                "REGISTRATION_LIMIT_PER_ADDRESS", String.valueOf(PER_ADDRESS), "REGISTRATION_LIMIT_GLOBAL", "1000",
                "TRUSTED_PROXIES", "127.0.0.1"));
    }

    /** A fresh invitation the administrator makes. */
    public static JsonObject invitation() {
        Http.Answer made = Http.postJson(start().uri("/api/v1/admin/invitations"), Json.createObjectBuilder().build().toString(),
                "admin", IspServer.ADMIN_PASSWORD);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json();
    }
}
