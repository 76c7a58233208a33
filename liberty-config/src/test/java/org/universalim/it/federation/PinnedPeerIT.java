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
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer whose certificate is pinned ({@code certificateSha256}) is that certificate on our calls too: a peer
 * answering with another certificate of the federation CA never receives what we send, which waits in its
 * outbox as for a peer that is down, and goes once the pin is right.
 */
class PinnedPeerIT {

    @Test
    void aPeerPinnedToAnotherCertificateReceivesNothingUntilThePinIsItsOwn() throws Exception {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(b, a, "REST", false);
        Federation.peer(a, b, "REST", false);
        String eve = Users.register(a, "eve", true);
        String finn = Users.register(b, "finn", true);
        String finnAddress = finn + "@isp-b-u.example";
        try (LocalClient e = LocalClient.login(a, eve, "pc"); LocalClient f = LocalClient.login(b, finn, "pc")) {
            // unpinned, the two ISPs talk
            String first = send(e, finnAddress, "before the pin");
            // (the first call may meet a cold server and be tried again after its back-off)
            f.await(m -> "message".equals(m.getString("type")) && first.equals(m.getString("messageId", null)), Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> peer(a, b).getInt("outboxDepth") == 0);

            // A pins B to another certificate (C's): B's own, of the same CA and with B's name, is not that one
            pin(a, b, sha256("isp-c.example"));
            String second = send(e, finnAddress, "for finn only");
            await().atMost(Duration.ofSeconds(20)).until(() -> !peer(a, b).getBoolean("reachable"));
            JsonObject health = peer(a, b);
            assertThat(health.getString("lastError")).contains("pinned");
            assertThat(health.getInt("outboxDepth")).isGreaterThanOrEqualTo(1);
            f.request("ping");
            assertThat(f.received("message")).extracting(m -> m.getString("messageId")).containsExactly(first);

            // the right pin: what waited goes at once
            pin(a, b, sha256(b.domain()));
            JsonObject got = f.await(m -> "message".equals(m.getString("type")) && second.equals(m.getString("messageId", null)),
                    Duration.ofSeconds(30));
            assertThat(got.getString("from")).isEqualTo(eve + "@isp-a-u.example");
            await().atMost(Duration.ofSeconds(20)).until(() -> peer(a, b).getInt("outboxDepth") == 0);
            assertThat(peer(a, b).getBoolean("reachable")).isTrue();
        } finally {
            Federation.peer(a, b, "REST", false); // unpinned again for the other tests
        }
    }

    private static String send(LocalClient from, String to, String body) {
        JsonObject sent = from.request("message.send", Json.createObjectBuilder().add("to", to).add("body", body));
        assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("forwarded");
        return sent.getString("messageId");
    }

    private static void pin(IspServer at, IspServer peer, String sha256) {
        JsonObject body = Json.createObjectBuilder().add("domain", peer.domain())
                .add("baseUrl", "https://" + peer.domain() + ":" + peer.federationPort()).add("transport", "REST")
                .add("certificateSha256", sha256).build();
        Http.Answer put = Http.putJson(at.uri("/api/v1/admin/peers/" + peer.domain()), body.toString(), "admin",
                IspServer.ADMIN_PASSWORD);
        if (put.status() == 404) {
            put = Http.postJson(at.uri("/api/v1/admin/peers"), body.toString(), "admin", IspServer.ADMIN_PASSWORD);
        }
        assertThat(put.status()).as(put.body()).isIn(200, 201);
    }

    private static JsonObject peer(IspServer at, IspServer peer) {
        return Http.get(at.uri("/api/v1/admin/peers/" + peer.domain()), "admin", IspServer.ADMIN_PASSWORD).json();
    }

    /** The SHA-256 fingerprint of a test ISP's federation certificate, as an administrator would pin it. */
    private static String sha256(String domain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(FederationPki.keystore(domain))) {
            store.load(in, FederationPki.PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate("isp");
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
