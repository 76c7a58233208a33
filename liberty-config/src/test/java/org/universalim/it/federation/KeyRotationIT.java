package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.FederationPki;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A federation certificate replaced on disk is used for our calls without a restart: B pins A to A's new
 * certificate, so B takes A's calls only once A presents it.
 */
class KeyRotationIT {

    @Test
    void aRotatedKeyStoreIsUsedForOurCallsWithoutARestart() throws Exception {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(a, b, "REST", false);
        Federation.peer(b, a, "REST", false);
        try {
            // A reaches B before the rotation (a cold server may let the first call time out)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> test(a, b));

            Path rotated = FederationPki.reissue(a.domain());
            pin(b, a, sha256(rotated));
            // Liberty reloads the key store (it polls the file) and A's next calls present the new certificate
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> test(a, b));

            String ivy = Users.register(a, "ivy", true);
            String jon = Users.register(b, "jon", true);
            try (LocalClient i = LocalClient.login(a, ivy, "pc"); LocalClient j = LocalClient.login(b, jon, "pc")) {
                JsonObject sent = i.request("message.send", Json.createObjectBuilder().add("to", jon + "@isp-b-u.example")
                        .add("body", "with the new key"));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("forwarded");
                j.await(m -> "message".equals(m.getString("type")) && sent.getString("messageId").equals(m.getString("messageId", null)),
                        Duration.ofSeconds(30));
            }
        } finally {
            Federation.peer(b, a, "REST", false); // unpinned again for the other tests
        }
    }

    /** The administrator's connection test of A towards B: B answered A's status request. */
    private static boolean test(IspServer at, IspServer peer) {
        Http.Answer answer = Http.postJson(at.uri("/api/v1/admin/peers/" + peer.domain() + "/test"), "{}", "admin",
                IspServer.ADMIN_PASSWORD);
        return answer.status() == 200 && answer.json().getBoolean("reachable", false);
    }

    private static void pin(IspServer at, IspServer peer, String sha256) {
        JsonObject body = Json.createObjectBuilder().add("domain", peer.domain())
                .add("baseUrl", "https://" + peer.domain() + ":" + peer.federationPort()).add("transport", "REST")
                .add("certificateSha256", sha256).build();
        Http.Answer put = Http.putJson(at.uri("/api/v1/admin/peers/" + peer.domain()), body.toString(), "admin",
                IspServer.ADMIN_PASSWORD);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private static String sha256(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, FederationPki.PASSWORD.toCharArray());
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(store.getCertificate("isp").getEncoded()));
    }
}
