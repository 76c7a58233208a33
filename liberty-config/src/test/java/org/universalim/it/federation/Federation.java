package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.universalim.it.FederationPki;
import org.universalim.it.Http;
import org.universalim.it.IspServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Setting up peers between test ISPs, and calling a federation endpoint by hand. */
public final class Federation {

    private Federation() {
    }

    /** Makes {@code peer} a peer of {@code at}, called over {@code transport} (REST or SOAP). */
    public static void peer(IspServer at, IspServer peer, String transport, boolean announceAll) {
        JsonObject body = Json.createObjectBuilder()
                .add("domain", peer.domain())
                .add("baseUrl", "https://" + peer.domain() + ":" + peer.federationPort())
                .add("transport", transport)
                .add("announceAll", announceAll)
                .build();
        Http.Answer added = Http.postJson(at.uri("/api/v1/admin/peers"), body.toString(), "admin", IspServer.ADMIN_PASSWORD);
        if (added.status() == 409) {
            added = Http.putJson(at.uri("/api/v1/admin/peers/" + peer.domain()), body.toString(), "admin", IspServer.ADMIN_PASSWORD);
            assertThat(added.status()).as(added.body()).isEqualTo(200);
        } else {
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        }
    }

    /** Every ISP a peer of every other, all called over {@code transport}. */
    static void mesh(String transport, IspServer... isps) {
        for (IspServer at : isps) {
            for (IspServer peer : isps) {
                if (at != peer) {
                    peer(at, peer, transport, true);
                }
            }
        }
    }

    /** Calls a federation endpoint directly, presenting the certificate of {@code asDomain}. */
    static HttpResponse<String> call(IspServer target, String path, String contentType, byte[] body, String asDomain)
            throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(asDomain == null ? FederationPki.anonymousContext() : FederationPki.context(asDomain))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(target.federationUri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> rest(IspServer target, String operation, String xml, String asDomain) throws Exception {
        return call(target, "/federation/v1/" + operation, "application/xml", xml.getBytes(StandardCharsets.UTF_8), asDomain);
    }

    static URI federation(IspServer isp, String path) {
        return isp.federationUri(path);
    }
}
