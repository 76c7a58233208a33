package org.universalim.it.federation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.FederationPki;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only configured peers get in, each speaks only for its own users, and hostile XML changes nothing. */
class FederationSecurityIT {

    static IspServer a;
    static IspServer b;

    @BeforeAll
    static void start() {
        a = IspServer.a();
        b = IspServer.b();
        Federation.peer(b, a, "REST", false);
        Federation.peer(a, b, "REST", false);
    }

    private static String message(String from, String to, String id) {
        return """
                <messageBatch xmlns="urn:universal-im:federation:1" transactionId="%s">
                  <message id="%s" from="%s" to="%s" application="text" securityLevel="0" sentAt="%s">
                    <body>hello</body>
                  </message>
                </messageBatch>""".formatted(UUID.randomUUID(), id, from, to, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void aPeerWithItsOwnCertificateGetsIn() throws Exception {
        HttpResponse<String> status = Federation.rest(b, "status",
                "<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"s1\"/>", "isp-a.example");
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).contains("domain=\"isp-b.example\"").contains("peer=\"isp-a.example\"");
    }

    @Test
    void noCertificateOrAnUntrustedOneFailsTheHandshake() {
        assertThatThrownBy(() -> Federation.rest(b, "status",
                "<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"s2\"/>", null))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> {
            HttpClient rogue = HttpClient.newBuilder().sslContext(rogueContext()).build();
            rogue.send(HttpRequest.newBuilder(b.federationUri("/federation/v1/status")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString("<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"s3\"/>"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateOfOurCaThatIsNoPeersIsRefused() throws Exception {
        HttpResponse<String> stranger = Federation.rest(b, "status",
                "<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"s4\"/>", "isp-x.example");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.body()).contains("unknown_peer");
    }

    @Test
    void onlyTheIspsOwnNodesReachTheChannelBetweenNodesAndTheyReachNothingElse() throws Exception {
        byte[] batch = "{\"calls\":[{\"op\":\"close\",\"users\":[\"anyone\"]}]}".getBytes(StandardCharsets.UTF_8);
        // a peer, however trusted, is not a node of B
        HttpResponse<String> peer = Federation.call(b, "/federation/internal/batch", "application/json", batch, "isp-a.example");
        assertThat(peer.statusCode()).isEqualTo(403);
        // B's own certificate is a node of B: the channel answers, but a node is not a peer
        HttpResponse<String> node = Federation.call(b, "/federation/internal/batch", "application/json", batch, "isp-b.example");
        assertThat(node.statusCode()).as(node.body()).isEqualTo(200);
        assertThat(node.body()).isEqualTo("{\"results\":[null]}");
        HttpResponse<String> asPeer = Federation.rest(b, "status",
                "<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"s5\"/>", "isp-b.example");
        assertThat(asPeer.statusCode()).isEqualTo(403);
        HttpResponse<String> garbage = Federation.call(b, "/federation/internal/batch", "application/json",
                "{\"calls\": 5".getBytes(StandardCharsets.UTF_8), "isp-b.example");
        assertThat(garbage.statusCode()).isEqualTo(400);
    }

    @Test
    void aPeerClaimingAUserOfAnotherIspIsRefusedAndNothingChanges() throws Exception {
        String bob = Users.register(b, "bob", true);
        String id = UUID.randomUUID().toString();
        // A's certificate, but the message claims to come from a user of C
        HttpResponse<String> spoofed = Federation.rest(b, "messages",
                message("mallory@isp-c-u.example", bob + "@isp-b-u.example", id), "isp-a.example");
        assertThat(spoofed.statusCode()).isEqualTo(403);
        assertThat(spoofed.body()).contains("forbidden");
        HttpResponse<String> spoofedSoap = Federation.call(b, "/federation/soap", "text/xml", soap(
                message("mallory@isp-c-u.example", bob + "@isp-b-u.example", UUID.randomUUID().toString())).getBytes(), "isp-a.example");
        assertThat(spoofedSoap.statusCode()).isEqualTo(500);
        assertThat(spoofedSoap.body()).contains("Client").contains("forbidden");

        // nothing was stored for bob: his history with the claimed sender is empty
        assertThat(Http.get(b.uri("/api/v1/admin/users/" + bob), "admin", IspServer.ADMIN_PASSWORD).status()).isEqualTo(200);
        try (org.universalim.it.LocalClient c = org.universalim.it.LocalClient.login(b, bob, "pc")) {
            c.request("ping");
            assertThat(c.received("message")).isEmpty();
            assertThat(c.request("history.get", jakarta.json.Json.createObjectBuilder().add("contact", "mallory@isp-c-u.example"))
                    .getJsonArray("messages")).isEmpty();
        }
    }

    @Test
    void hostileXmlIsRefusedQuicklyAndTheServerStaysHealthy() throws Exception {
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <statusRequest xmlns="urn:universal-im:federation:1" transactionId="&xxe;"/>""";
        long start = System.nanoTime();
        HttpResponse<String> xxe = Federation.rest(b, "status", external, "isp-a.example");
        assertThat(xxe.statusCode()).isEqualTo(400);
        assertThat(xxe.body()).doesNotContain("root:");

        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <statusRequest xmlns="urn:universal-im:federation:1" transactionId="&lol3;"/>""";
        assertThat(Federation.rest(b, "status", bomb, "isp-a.example").statusCode()).isEqualTo(400);
        HttpResponse<String> soapBomb = Federation.call(b, "/federation/soap", "text/xml",
                ("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x \"x\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                        + "<soap:Body><statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"&x;\"/></soap:Body></soap:Envelope>")
                        .getBytes(), "isp-a.example");
        assertThat(soapBomb.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(soapBomb.body()).doesNotContain("statusResponse");

        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) 'x');
        HttpResponse<String> large = Federation.call(b, "/federation/v1/messages", "application/xml", tenMegabytes, "isp-a.example");
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        assertThat(Http.get(b.uri("/health/ready")).status()).isEqualTo(200);
        assertThat(Federation.rest(b, "status", "<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"s9\"/>",
                "isp-a.example").statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedTransactionGetsTheFirstAnswerAndChangesNothing() throws Exception {
        String bob = Users.register(b, "bob", true);
        String tx = UUID.randomUUID().toString();
        String first = """
                <messageBatch xmlns="urn:universal-im:federation:1" transactionId="%s">
                  <message id="%s" from="alice@isp-a-u.example" to="%s@isp-b-u.example" application="text" securityLevel="0" sentAt="%s"><body>one</body></message>
                </messageBatch>""".formatted(tx, UUID.randomUUID(), bob, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String replay = """
                <messageBatch xmlns="urn:universal-im:federation:1" transactionId="%s">
                  <message id="%s" from="alice@isp-a-u.example" to="%s@isp-b-u.example" application="text" securityLevel="0" sentAt="%s"><body>two</body></message>
                </messageBatch>""".formatted(tx, UUID.randomUUID(), bob, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        HttpResponse<String> answer = Federation.rest(b, "messages", first, "isp-a.example");
        HttpResponse<String> again = Federation.rest(b, "messages", replay, "isp-a.example");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(answer.body());
        try (org.universalim.it.LocalClient c = org.universalim.it.LocalClient.login(b, bob, "pc")) {
            c.awaitPush("message", f -> f.getString("from").equals("alice@isp-a-u.example"));
            c.request("ping");
            assertThat(c.received("message")).hasSize(1);
        }
    }

    private static String soap(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    private static SSLContext rogueContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(FederationPki.keystore("rogue.example"))) {
            keys.load(in, FederationPki.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, FederationPki.PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(FederationPki.truststore())) {
            trust.load(in, FederationPki.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ssl;
    }
}
