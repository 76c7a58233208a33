package org.universalim.it.xmpp;

import org.awaitility.Awaitility;
import org.universalim.it.FederationPki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prosody (Debian's, {@code /usr/bin/prosody}) as a remote XMPP server for the tests: domain
 * {@value #DOMAIN}, on loopback, started by the test as the current user with a configuration, data directory and
 * certificate (of the test CA) it writes under {@code target/}. Server-to-server: TLS required, certificates verified
 * against the test CA ({@code s2s_secure_auth}), bidirectional streams (XEP-0288, {@code mod_s2s_bidi}) offered and asked for; it finds the ISPs' s2s ports through a {@link FakeDns} of SRV records
 * (the test machines have no DNS), and the ISPs find it through their static route. Ports: {@code it.port.base} + 288
 * (c2s), + 290 (s2s), + 291 (its DNS server).
 */
final class Prosody implements AutoCloseable {

    static final String DOMAIN = "prosody.example";
    /** A second host of the same Prosody, which the ISPs find only by an SRV record (no static route). */
    static final String SRV_DOMAIN = "srv.example";
    private static final Path BINARY = Path.of("/usr/bin/prosody");
    private static final int BASE = Integer.getInteger("it.port.base", 19000);

    private final Path dir = Path.of("target", "prosody-" + BASE).toAbsolutePath();
    private final Path config = dir.resolve("prosody.cfg.lua");
    private final FakeDns dns;
    private Process process;

    /** Writes the configuration and starts Prosody; {@code ispDomains} are found by SRV at their s2s ports. */
    Prosody(Map<String, Integer> ispDomains) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("Prosody is not installed (" + BINARY + "): scripts/test-all.sh installs it with "
                    + "'apt-get install prosody'; the server-to-server tests need it and are not skipped");
        }
        Files.createDirectories(dir.resolve("data"));
        Path[] pem = FederationPki.pem(DOMAIN);
        Path[] srvPem = FederationPki.pem(SRV_DOMAIN);
        Files.writeString(config, String.join("\n",
                "run_as_root = true",
                "pidfile = \"" + dir.resolve("prosody.pid") + "\"",
                "data_path = \"" + dir.resolve("data") + "\"",
                "log = { { levels = { min = \"debug\" }, to = \"file\", filename = \"" + dir.resolve("prosody.log") + "\" } }",
                "interfaces = { \"127.0.0.1\" }",
                "local_interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + c2sPort() + " }",
                "s2s_ports = { " + s2sPort() + " }",
                "http_ports = { }",
                "https_ports = { }",
                "modules_enabled = { \"roster\", \"saslauth\", \"tls\", \"dialback\", \"disco\", \"ping\", \"s2s_bidi\", \"vcard\", \"version\", \"pep\" }",
                "authentication = \"internal_plain\"",
                "c2s_require_encryption = true",
                "s2s_require_encryption = true",
                "s2s_secure_auth = true",
                "ssl = { certificate = \"" + pem[0] + "\", key = \"" + pem[1] + "\", cafile = \"" + FederationPki.caPem().toAbsolutePath() + "\" }",
                "unbound = { forward = \"127.0.0.1@" + dnsPort() + "\", resolvconf = false, hoststxt = false }",
                "VirtualHost \"" + DOMAIN + "\"",
                "VirtualHost \"" + SRV_DOMAIN + "\"",
                "ssl = { certificate = \"" + srvPem[0] + "\", key = \"" + srvPem[1] + "\", cafile = \"" + FederationPki.caPem().toAbsolutePath() + "\" }",
                ""));
        dns = new FakeDns(dnsPort(), ispDomains);
        start();
    }

    static int c2sPort() {
        return BASE + 288;
    }

    static int s2sPort() {
        return BASE + 290;
    }

    static int dnsPort() {
        return BASE + 291;
    }

    /** A user of Prosody (prosodyctl, the server's own tool). */
    void register(String user, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", user, DOMAIN, password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("prosodyctl register failed: " + out);
        }
    }

    void start() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "--config", config.toString(), "-F")
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || listens(c2sPort()) && listens(s2sPort()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Prosody did not listen within 20 s; see " + dir.resolve("console.log"), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("Prosody stopped at once (exit " + process.exitValue() + "): "
                    + Files.readString(dir.resolve("console.log")));
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    Path log() {
        return dir.resolve("prosody.log");
    }

    static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dns.close();
        }
    }

}
