package org.universalim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One ISP as a real Liberty server for the integration tests: cloned from the {@code it-template}
 * server the build created, with its own ports, domain and Derby database, started once per test JVM
 * and shared by every test class that asks for it, stopped when the JVM exits.
 *
 * <p>Ports are {@code it.port.base} (default 19000) + 80 + n for HTTP, + 443 + n for HTTPS, + 543 + n
 * for federation, + 222 + 2n and + 223 + 2n for XMPP over TCP (STARTTLS and direct TLS) and + 269 + n for XMPP
 * server-to-server (+ 288 to + 297 are the test Prosody's, ejabberd's and other remote servers', + 298 the DNS server the ISPs ask), where n is 0 for ISP A,
 * 1 for ISP B, 2 for ISP C, 3 for a second node of ISP A and 4 for ISP D; 5 to 7 are the tuned servers (password
 * guessing, strangers, invitations), 8 to 10 the fault suite's own servers, 11 the graceful stop's (GracefulStopIT), 12 unused (StreamManagementRestartIT crashes ISP A itself). Each server has its own n: servers stay up
 * until the JVM exits, so two purposes sharing an n would collide. n stays below 19 (nginx takes base + 99).
 *
 * <p>Each server's default key store (HTTPS, XMPP over TCP) holds a certificate of the test CA ({@link FederationPki})
 * for its domain and its universal domain, so clients verify it as they would an ISP's.
 *
 * <p>With {@code -Dit.db=postgresql} every ISP gets a fresh PostgreSQL database {@code <it.db.prefix>_isp_<letter>} (prefix {@code it})
 * (shared by the nodes of an ISP) on {@code it.db.host:it.db.port} instead of its own Derby database.
 */
public final class IspServer {

    private static final Path WLP = Path.of(System.getProperty("wlp.dir", "target/liberty/wlp"));
    private static final int PORT_BASE = Integer.getInteger("it.port.base", 19000);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("it.start.timeout.seconds", 300));
    /**
     * JVM options of the test servers only (production's jvm.options is the template's), {@code -Dit.server.jvm.options}
     * to change them ("" for none). By default the JIT stops at C1: a test server lives minutes, and most of its CPU
     * goes to starting (some 30 server starts a suite on two cores); without C2's compilations a cold start took 31–41 s
     * of CPU rather than 57–59 s (measured on the CI machine kind, December 2026).
     */
    private static final String SERVER_JVM_OPTIONS = System.getProperty("it.server.jvm.options", "-XX:TieredStopAtLevel=1");
    private static final Set<String> NOT_CLONED = Set.of("logs", "workarea", "database", "tranlog", "server.env");
    private static final Map<String, IspServer> STARTED = new LinkedHashMap<>();
    /** The administrator's password of every test server (user {@code admin}). */
    public static final String ADMIN_PASSWORD = "it-admin-secret";
    /** Messages the test servers keep for one offline user. */
    public static final int OFFLINE_MAX = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The database the test servers use: {@code derby} or {@code postgresql}. */
    public static final String DB = System.getProperty("it.db", "derby");
    private static final Set<String> FRESH_DATABASES = new java.util.HashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(IspServer::stopAll, "stop-isp-servers"));
    }

    private final String name;
    private final String domain;
    private final int index;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> extra = new LinkedHashMap<>();
    private boolean running;
    /** Started at some point, perhaps never ready: the JVM's exit stops it all the same. */
    private boolean launched;
    private RuntimeException startFailure;

    private final String letter;
    private final String node;

    private IspServer(String letter, int index, String node) {
        this(letter, index, node, "isp-" + letter + ".example");
    }

    private IspServer(String letter, int index, String node, String domain) {
        boolean postgresql = isPostgresql();
        this.letter = letter;
        this.node = node;
        this.name = (postgresql ? "it-pg-isp" : "it-isp") + letter + ("node1".equals(node) ? "" : "-" + node);
        this.domain = domain;
        this.index = index;
        if (postgresql) {
            environment.put("DB_KIND", "postgresql");
            environment.put("DB_HOST", System.getProperty("it.db.host", "127.0.0.1"));
            environment.put("DB_PORT", System.getProperty("it.db.port", "5432"));
            environment.put("DB_NAME", databaseName());
            environment.put("DB_USER", System.getProperty("it.db.user", "universalim"));
            environment.put("DB_PASSWORD", System.getProperty("it.db.password", "universalim"));
        }
        environment.put("NODE_INTERNAL_URL", "https://" + domain + ":" + federationPort());
        environment.put("NODE_HEARTBEAT_SECONDS", "1");
        environment.put("NODE_DEAD_SECONDS", "5");
        environment.put("ISP_DOMAIN", domain);
        environment.put("HTTP_HOST", "127.0.0.1");
        environment.put("HTTP_PORT", String.valueOf(httpPort()));
        environment.put("HTTPS_PORT", String.valueOf(httpsPort()));
        environment.put("NODE_NAME", node);
        environment.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("ALERTS_SWEEP_SECONDS", "1");
        environment.put("OFFLINE_MAX_PER_USER", String.valueOf(OFFLINE_MAX));
        environment.put("FEDERATION_PORT", String.valueOf(federationPort()));
        environment.put("XMPP_C2S_PORT", String.valueOf(c2sPort()));
        environment.put("XMPP_C2S_TLS_PORT", String.valueOf(c2sTlsPort()));
        environment.put("XMPP_S2S_PORT", String.valueOf(s2sPort()));
        environment.put("XMPP_S2S_TRUSTSTORE", FederationPki.truststore().toAbsolutePath().toString());
        environment.put("XMPP_S2S_TRUSTSTORE_PASSWORD", FederationPki.PASSWORD);
        // the test Prosody (it.s2s.Prosody) for every ISP: there is no DNS on the test machines
        // and a dialback-only test server (xmpp.S2sDialbackIT)
        environment.put("XMPP_S2S_ROUTES", "prosody.example=127.0.0.1:" + (PORT_BASE + 290) + ",dialback.example=127.0.0.1:" + (PORT_BASE + 292)
                + ",plain.example=127.0.0.1:" + (PORT_BASE + 293) + ",closed.example=127.0.0.1:" + (PORT_BASE + 294)
                + ",ejabberd.example=127.0.0.1:" + (PORT_BASE + 296));
        // stanzas for an unreachable XMPP server fail back soon, and one domain is blocked (xmpp.S2sBounceIT)
        environment.put("XMPP_S2S_QUEUE_SECONDS", "3");
        // SRV records are asked of the test's DNS server on base + 298, while a test runs one (xmpp.S2sProsodyIT)
        environment.put("XMPP_S2S_DNS", "127.0.0.1:" + (PORT_BASE + 298));
        // an IQ to a remote XMPP entity unanswered for 4 s is answered remote-server-timeout (xmpp.S2sProsodyIT)
        environment.put("XMPP_S2S_IQ_TIMEOUT_SECONDS", "4");
        environment.put("XMPP_S2S_BLOCKED", "blocked.example");
        // the one domain allowed without TLS, for the test of that setting (no such server runs otherwise)
        environment.put("XMPP_S2S_INSECURE_DOMAIN", "plain.example");
        environment.put("FEDERATION_KEYSTORE", FederationPki.keystore(domain).toAbsolutePath().toString());
        environment.put("FEDERATION_KEYSTORE_PASSWORD", FederationPki.PASSWORD);
        environment.put("FEDERATION_TRUSTSTORE", FederationPki.truststore().toAbsolutePath().toString());
        environment.put("FEDERATION_TRUSTSTORE_PASSWORD", FederationPki.PASSWORD);
        environment.put("FEDERATION_CALL_TIMEOUT_MS", "3000");
        // a peer silent for 5 s has its users shown unavailable; peers are probed every second
        environment.put("FEDERATION_PEER_UNAVAILABLE_SECONDS", "5");
        environment.put("FEDERATION_PEER_PROBE_SECONDS", "1");
        // failures between nodes and peers are logged at FINE: keep them in trace.log for a failed test
        environment.put("TRACE_SPECIFICATION", "*=info:org.universalim.federation.*=fine:org.universalim.cluster.*=fine:org.universalim.routing.*=fine"
                + ":org.universalim.clientprotocol.xmpp.s2s.*=fine");
        // every test client is 127.0.0.1: a per-address log-in limit would make test classes depend on one
        // another's failed log-ins (the limits are tested on a server of their own, see tuned())
        environment.put("AUTH_ADDRESS_DELAY_AFTER", "1000");
        environment.put("AUTH_ADDRESS_LOCK_AFTER", "5000");
        // the same for registrations: every test registers its own users from 127.0.0.1 (the limits are tested on
        // a server of their own)
        environment.put("REGISTRATION_LIMIT_PER_ADDRESS", "0");
        environment.put("REGISTRATION_LIMIT_GLOBAL", "0");
        if ("c".equals(letter)) {
            // C forgets its peers' transactions after 15 s (InboxPruningIT watches it happen): send it no
            // messages dated more than 15 s ago
            environment.put("FEDERATION_REPLAY_WINDOW_SECONDS", "15");
        }
    }

    /**
     * A server of its own for the tests of one purpose that need settings unlike the shared ISPs' (e.g. small
     * log-in limits): ISP A's domain, but its own name ({@code it-isp<purpose>}), database and ports (index
     * {@code n} of the class comment, one of its own), the shared ISPs' environment plus {@code settings}.
     * Started once per test JVM like the others.
     */
    public static synchronized IspServer tuned(String purpose, int index, Map<String, String> settings) {
        if (!STARTED.containsKey(purpose + "/node1")) {
            IspServer server = new IspServer(purpose, index, "node1", "isp-a.example");
            server.environment.putAll(settings);
            STARTED.put(purpose + "/node1", server);
        }
        return started(purpose, index, "node1");
    }

    /**
     * A server of its own for tests that need settings unlike the shared ISPs' and that may crash it at will (the
     * fault suite): {@code domain}'s certificate, its own name ({@code it-isp<purpose>}, plus {@code -<node>} for
     * a node other than node1), database (shared by the nodes of one purpose on PostgreSQL) and ports (index
     * {@code n} of the class comment, one of its own), the shared ISPs' environment plus {@code settings}. Not
     * started: see {@link #startTogether}.
     */
    public static synchronized IspServer own(String purpose, int index, String node, String domain, Map<String, String> settings) {
        return STARTED.computeIfAbsent(purpose + "/" + node, key -> {
            IspServer server = new IspServer(purpose, index, node, domain);
            server.environment.putAll(settings);
            return server;
        });
    }

    /** Starts the servers that are not running, side by side; waits until every one is ready. */
    public static void startTogether(IspServer... servers) {
        List<Thread> starting = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (IspServer server : servers) {
            Thread t = new Thread(() -> {
                try {
                    server.startForTest();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "start-" + server.name);
            t.start();
            starting.add(t);
        }
        for (Thread t : starting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Whether the server was started and has not been stopped or killed since. */
    public synchronized boolean isRunning() {
        return running;
    }

    /** The server's process id, from the pid file Liberty writes. */
    public long pid() {
        try {
            return Long.parseLong(Files.readString(pidFile()).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid file Liberty writes at start and removes at a clean stop (a killed server leaves it). */
    private Path pidFile() {
        return WLP.resolve("usr/servers/.pid/" + name + ".pid");
    }

    /** Freezes the server's process with SIGSTOP: it holds its connections and answers nothing until {@link #thaw}. */
    public synchronized void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public synchronized void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " of " + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's {@code messages.log} (JUL INFO and above), to check what it logs. */
    public Path messagesLog() {
        return serverDir().resolve("logs/messages.log");
    }

    /** ISP A, {@code isp-a.example}, started if not yet running. */
    public static IspServer a() {
        return started("a", 0);
    }

    /** A second node of ISP A ({@code node2}), sharing its database; PostgreSQL only. */
    public static IspServer aNode2() {
        if (!isPostgresql()) {
            throw new IllegalStateException("several nodes of one ISP share a PostgreSQL database: run with -Dit.db=postgresql");
        }
        return started("a", 3, "node2");
    }

    public static boolean isPostgresql() {
        return "postgresql".equals(DB);
    }

    /** ISP B, {@code isp-b.example}, started if not yet running. */
    public static IspServer b() {
        return started("b", 1);
    }

    /** ISP C, {@code isp-c.example}, started if not yet running. */
    public static IspServer c() {
        return started("c", 2);
    }

    /**
     * ISP D, {@code isp-d.example}, a server of its own for tests that need other settings (e.g. small limits),
     * with {@code extra} environment on top of the usual; started if not running, restarted if it runs with
     * other extra environment.
     */
    public static synchronized IspServer d(Map<String, String> extra) {
        IspServer server = STARTED.computeIfAbsent("d/node1", l -> new IspServer("d", 4, "node1"));
        if (!server.extra.equals(extra)) {
            server.stop();
            server.environment.keySet().removeAll(server.extra.keySet());
            server.extra.clear();
            server.extra.putAll(extra);
            server.environment.putAll(extra);
        }
        return started("d", 4);
    }

    private static synchronized IspServer started(String letter, int index) {
        return started(letter, index, "node1");
    }

    private static synchronized IspServer started(String letter, int index, String node) {
        IspServer server = STARTED.computeIfAbsent(letter + "/" + node, l -> new IspServer(letter, index, node));
        if (server.startFailure != null) {
            // one failed start is enough: later test classes fail at once with the same cause
            throw server.startFailure;
        }
        if (!server.running) {
            try {
                server.start();
            } catch (RuntimeException e) {
                server.startFailure = e;
                throw e;
            }
        }
        return server;
    }

    public String domain() {
        return domain;
    }

    /** The domain of this ISP's Universal IM server, with the default marker. */
    public String universalDomain() {
        int dot = domain.indexOf('.');
        return domain.substring(0, dot) + "-u" + domain.substring(dot);
    }

    /** The base of the test servers' ports; tools take base + 99 (nginx) and base + 288 to + 297 (remote XMPP servers). */
    public static int portBase() {
        return PORT_BASE;
    }

    public int httpPort() {
        return PORT_BASE + 80 + index;
    }

    public int httpsPort() {
        return PORT_BASE + 443 + index;
    }

    /** XMPP over TCP with STARTTLS (RFC 6120; 5222 in production). */
    public int c2sPort() {
        return PORT_BASE + 222 + 2 * index;
    }

    /** XMPP over TCP with direct TLS (XEP-0368; 5223 in production). */
    public int c2sTlsPort() {
        return PORT_BASE + 223 + 2 * index;
    }

    /** The server-to-server XMPP port: {@code it.port.base} + 269 + n. */
    public int s2sPort() {
        return PORT_BASE + 269 + index;
    }

    /** The server's default key store (its TLS certificate), as Liberty reads it. */
    public Path defaultKeystore() {
        return serverDir().resolve("resources/security/key.p12");
    }

    /** The password of the default key store ({@code keystore_password} of the server's {@code server.env}). */
    public String keystorePassword() {
        try {
            return keystorePassword(WLP.resolve("usr/servers/it-template/server.env"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keystorePassword(Path serverEnv) throws IOException {
        if (Files.exists(serverEnv)) {
            for (String line : Files.readAllLines(serverEnv)) {
                if (line.startsWith("keystore_password=")) {
                    return line.substring("keystore_password=".length()).strip();
                }
            }
        }
        throw new IllegalStateException("no keystore_password in " + serverEnv);
    }

    /** The port of the federation endpoint (mutual TLS). */
    public int federationPort() {
        return PORT_BASE + 543 + index;
    }

    /** The federation endpoint as peers call it: by domain name (the test hosts file maps it to loopback). */
    public URI federationUri(String path) {
        return URI.create("https://" + domain + ":" + federationPort() + path);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + path);
    }

    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + httpPort() + path);
    }

    /** Stops the server (it keeps its database), for tests of what happens while an ISP is down. */
    public synchronized void stopForTest() {
        stop();
    }

    /** Starts a server stopped by {@link #stopForTest}; waits until it is ready. */
    public synchronized void startForTest() {
        if (!running) {
            start();
        }
    }

    /** Stops the server and starts it again on the same database; waits until it is ready. */
    public synchronized void restart() {
        stop();
        start();
    }

    private Path serverDir() {
        return WLP.resolve("usr/servers").resolve(name);
    }

    public String name() {
        return name;
    }

    public String node() {
        return node;
    }

    private String databaseName() {
        return System.getProperty("it.db.prefix", "it") + "_isp_" + letter;
    }

    /** A fresh PostgreSQL database for this ISP, once per test JVM (its nodes share it). */
    private void freshDatabase() {
        synchronized (FRESH_DATABASES) {
            if (!isPostgresql() || !FRESH_DATABASES.add(databaseName())) {
                return;
            }
            dropAndCreate();
        }
    }

    private void dropAndCreate() {
        String url = "jdbc:postgresql://" + System.getProperty("it.db.host", "127.0.0.1") + ":"
                + System.getProperty("it.db.port", "5432") + "/postgres";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, System.getProperty("it.db.user", "universalim"),
                System.getProperty("it.db.password", "universalim")); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + databaseName() + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + databaseName());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + url + " as universalim: install and start it "
                    + "(.ci/run does), or run without -Dit.db=postgresql (" + e.getMessage() + ")", e);
        }
    }

    /** Kills the server's process with SIGKILL, as a crash would: no clean-up runs. */
    public synchronized void kill9() {
        try {
            long pid = pid();
            new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor(10, TimeUnit.SECONDS);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        launched = false;
    }

    private synchronized void start() {
        long began = System.nanoTime();
        try {
            freshDatabase();
            cloneTemplate();
            // a server left running by an interrupted earlier run (or killed) still has its pid file: stop it first.
            // Without one there is nothing to stop, and 'server stop' would cost a JVM's start for nothing
            if (Files.exists(pidFile())) {
                run("stop");
            }
            for (int port : new int[] {httpPort(), httpsPort(), federationPort(), c2sPort(), c2sTlsPort()}) {
                if (listening(port)) {
                    throw new IllegalStateException("port " + port + " is in use by another process: stop it, or move the "
                            + "test ports with -Dit.port.base=...");
                }
            }
            launched = true;
            run("start");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitReady();
        running = true;
        System.out.printf("[it] %s (%s) ready on %d in %d ms%n", name, domain, httpPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private synchronized void stop() {
        if (!running && !launched) {
            return;
        }
        try {
            run("stop");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop " + name, e);
        }
        running = false;
        launched = false;
    }

    private static synchronized void stopAll() {
        List<Thread> stopping = new ArrayList<>();
        for (IspServer server : STARTED.values()) {
            Thread t = new Thread(() -> {
                try {
                    server.stop();
                } catch (RuntimeException e) {
                    System.err.println("[it] could not stop " + server.name + ": " + e.getMessage());
                }
            });
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Copies the template's configuration and application; keeps this server's logs and database. */
    private void cloneTemplate() throws IOException {
        Path template = WLP.resolve("usr/servers/it-template");
        if (!Files.isDirectory(template)) {
            throw new IllegalStateException("no " + template + ": run the tests through 'mvn verify'");
        }
        Path target = serverDir();
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = template.relativize(source);
                if (relative.getNameCount() > 0 && NOT_CLONED.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // keep what 'server create' put there (the generated key store password), then ours
        Path templateEnv = template.resolve("server.env");
        StringBuilder env = new StringBuilder(Files.exists(templateEnv) ? Files.readString(templateEnv).strip() + "\n" : "");
        // peers are called by domain name: the servers resolve the test domains to loopback
        String hosts = System.getProperty("hosts.file");
        Path options = target.resolve("jvm.options");
        String current = Files.exists(options) ? Files.readString(options) : "";
        StringBuilder added = new StringBuilder();
        if (hosts != null && !current.contains("jdk.net.hosts.file")) {
            added.append("-Djdk.net.hosts.file=").append(hosts).append('\n');
        }
        for (String option : SERVER_JVM_OPTIONS.strip().split("\\s+")) {
            if (!option.isEmpty() && !current.contains(option)) {
                added.append(option).append('\n');
            }
        }
        if (added.length() > 0) {
            Files.writeString(options, current + (current.endsWith("\n") || current.isEmpty() ? "" : "\n") + added);
        }
        environment.forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
        Files.writeString(target.resolve("server.env"), env);
        // the ISP's certificate, from the test CA (Liberty would generate a self-signed one for localhost)
        Path keystore = defaultKeystore();
        Path issued = keystore.resolveSibling("key.p12.test-ca");
        if (!Files.exists(issued)) {
            Files.createDirectories(keystore.getParent());
            Files.copy(FederationPki.serverKeystore(domain, universalDomain(), keystorePassword(templateEnv)), keystore,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(issued, "the default key store holds a certificate of the test CA\n");
        }
    }

    private void run(String action) throws IOException {
        List<String> command = new ArrayList<>(List.of(WLP.resolve("bin/server").toString(), action, name));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // a loaded machine has seen 'server start' take over 2 minutes
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("'server " + action + " " + name + "' did not return in 240 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException free) {
            return false;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                // polling interval of the readiness probe, not a wait for an outcome
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + START_TIMEOUT.toSeconds()
                + " s; see " + serverDir().resolve("logs/messages.log"));
    }

    @Override
    public String toString() {
        return name + "(" + domain + ")";
    }
}
