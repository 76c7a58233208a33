package org.universalim.platform.tls;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pinned client against a real TLS server (the JDK's HTTPS server, certificates made by keytool): the right
 * pin gets an answer, any other pin fails the connection before the server sees a request.
 */
class PinnedTlsTest {

    static final String PASSWORD = "pinned-test";

    @TempDir
    static Path dir;

    static HttpsServer server;
    static final AtomicInteger requests = new AtomicInteger();
    static SSLContext client;
    static String serverPin;
    static String otherPin;

    @BeforeAll
    static void start() throws Exception {
        Path serverStore = keypair("server", "localhost");
        Path otherStore = keypair("other", "localhost");
        KeyStore serverKeys = load(serverStore);
        serverPin = PinnedTls.sha256(serverKeys.getCertificate("server"));
        otherPin = PinnedTls.sha256(load(otherStore).getCertificate("other"));

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, PASSWORD.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();

        // the client trusts the server's certificate (as the federation CA is trusted): only the pin decides
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverKeys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theRightPinGetsTheAnswer() throws Exception {
        HttpResponse<String> answer = get(PinnedTls.pinned(client, serverPin.toUpperCase()));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello");
    }

    @Test
    void anotherPinFailsBeforeTheServerSeesARequest() {
        int before = requests.get();
        assertThatThrownBy(() -> get(PinnedTls.pinned(client, otherPin)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(messages(e)).contains(PinnedTls.NOT_PINNED));
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void unpinnedTheUsualChecksStillApply() throws Exception {
        assertThat(get(client).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(SSLContext tls) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.getAddress().getPort() + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static Path keypair(String alias, String host) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-ext", "san=dns:" + host, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(output).isTrue();
        return store;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
