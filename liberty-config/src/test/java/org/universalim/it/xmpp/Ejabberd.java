package org.universalim.it.xmpp;

import org.awaitility.Awaitility;
import org.universalim.it.FederationPki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ejabberd (Debian's 23.01, {@code /usr/lib/x86_64-linux-gnu/ejabberd-*}) as a remote XMPP server for the tests:
 * domain {@value #DOMAIN}, on loopback, started by the test as the current user (an Erlang VM without a node name, so
 * no epmd and nothing left running) with a configuration, Mnesia spool and certificate (of the test CA) it writes under
 * {@code target/}. It is a <em>dialback-only</em> peer for our server: it trusts only a CA that did not issue our
 * certificate, so it never offers us SASL EXTERNAL and our server authenticates to it with Server Dialback (XEP-0220),
 * which ejabberd checks by asking our server back; STARTTLS is required both ways. It finds the ISPs' s2s ports
 * through a {@link FakeDns} of SRV records (its Erlang resolver told to ask only that server, and not to read
 * {@code /etc/resolv.conf}, which would replace it; the records' target is the address itself, as Debian's ejabberd
 * looks SRV targets up with the operating system's resolver, which knows only {@code /etc/hosts}), and the ISPs find it
 * through their static route. Users register
 * in-band (XEP-0077), as ejabberd's own tool needs Erlang distribution. Ports: {@code it.port.base} + 295 (c2s),
 * + 296 (s2s), + 297 (its DNS server).
 */
final class Ejabberd implements AutoCloseable {

    static final String DOMAIN = "ejabberd.example";
    private static final Path LIBS = Path.of("/usr/lib/x86_64-linux-gnu");
    private static final Path ERL = Path.of("/usr/bin/erl");
    private static final int BASE = Integer.getInteger("it.port.base", 19000);

    private final Path dir = Path.of("target", "ejabberd-" + BASE).toAbsolutePath();
    private final FakeDns dns;
    private Process process;

    /** Writes the configuration and starts ejabberd; {@code ispDomains} are found by SRV at their s2s ports. */
    Ejabberd(Map<String, Integer> ispDomains) throws IOException {
        if (!Files.isExecutable(ERL) || !installed()) {
            throw new IllegalStateException("ejabberd is not installed: scripts/test-all.sh installs it with "
                    + "'apt-get install ejabberd'; the server-to-server tests need it and are not skipped");
        }
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.resolve("spool"));
        Path[] pem = FederationPki.pem(DOMAIN);
        Path key = ecKey(pem[1]);
        Files.writeString(dir.resolve("ejabberd.yml"), String.join("\n",
                "loglevel: info",
                "log_rotate_count: 0",
                "hosts:",
                "  - \"" + DOMAIN + "\"",
                "certfiles:",
                "  - \"" + pem[0] + "\"",
                "  - \"" + key + "\"",
                // a CA that did not issue our certificate: ejabberd cannot verify us, so it offers no SASL EXTERNAL
                "ca_file: \"" + FederationPki.rogueCaPem() + "\"",
                "listen:",
                "  - port: " + c2sPort(),
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_c2s",
                "    starttls_required: true",
                "  - port: " + s2sPort(),
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_s2s_in",
                "s2s_use_starttls: required",
                "auth_method: internal",
                "registration_timeout: infinity",
                "access_rules:",
                "  c2s:",
                "    allow: all",
                "  register:",
                "    allow: all",
                "modules:",
                "  mod_roster: {}",
                "  mod_disco: {}",
                "  mod_ping: {}",
                "  mod_s2s_dialback: {}",
                "  mod_register:",
                "    access: register",
                "    ip_access: all",
                "    password_strength: 0",
                "    welcome_message: {}",
                ""));
        // Erlang's resolver: only the test's DNS server (an empty resolv_conf, else /etc/resolv.conf replaces it)
        Files.writeString(dir.resolve("inetrc"), "{lookup,[dns]}.\n{resolv_conf,\"\"}.\n{hosts_file,\"\"}.\n"
                + "{nameserver,{127,0,0,1}," + dnsPort() + "}.\n");
        dns = new FakeDns(dnsPort(), ispDomains, true);
        start();
    }

    /**
     * The key as SEC1 with its public key ({@code EC PRIVATE KEY}): ejabberd matches a key to its certificate by the
     * public key in the key file, which the JDK's PKCS#8 encoding leaves out.
     */
    private Path ecKey(Path pkcs8) throws IOException {
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "ec", "-in", pkcs8.toString(), "-out", key.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl ec failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return key;
    }

    private static boolean installed() throws IOException {
        try (Stream<Path> libs = Files.list(LIBS)) {
            return libs.anyMatch(p -> p.getFileName().toString().startsWith("ejabberd-"));
        }
    }

    static int c2sPort() {
        return BASE + 295;
    }

    static int s2sPort() {
        return BASE + 296;
    }

    static int dnsPort() {
        return BASE + 297;
    }

    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(ERL.toString(), "-noinput", "-noshell",
                "-mnesia", "dir", "\"" + dir.resolve("spool") + "\"", "-s", "ejabberd")
                .directory(dir.resolve("spool").toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("ERL_LIBS", LIBS.toString());
        env.put("EJABBERD_CONFIG_PATH", dir.resolve("ejabberd.yml").toString());
        env.put("EJABBERD_LOG_PATH", dir.resolve("ejabberd.log").toString());
        env.put("ERL_INETRC", dir.resolve("inetrc").toString());
        env.put("ERL_CRASH_DUMP_BYTES", "0");
        process = pb.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || Prosody.listens(c2sPort()) && Prosody.listens(s2sPort()));
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("ejabberd did not listen within 40 s; see " + dir.resolve("console.log"), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("ejabberd stopped at once (exit " + process.exitValue() + "): "
                    + Files.readString(dir.resolve("console.log")));
        }
    }

    /** ejabberd's log (what it did with our connections: dialback, TLS). */
    String log() throws IOException {
        return Files.readString(dir.resolve("ejabberd.log"));
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: the Erlang VM stops ejabberd cleanly
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
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
