package org.universalim.it.security;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bursts of logged-in clients that leave rudely (their protocol's goodbye, or a request that is answered, then a
 * close frame, then the TCP connection dropped: the JDK client's {@code sendClose} + {@code abort()}, or a raw
 * socket's reset) must not freeze the server: during and after every burst, {@code /health/ready} answers within 1 s
 * and a fresh log-in within 2 s (the freeze this guards against lasted 70 s and more; a log-in writes to the database
 * beside the burst's hundred log-offs, and took 1.1-1.2 s once in each of two CI runs on the 2-core machine).
 */
class WebSocketBurstIT {

    private static final int BURSTS = 5;
    private static final int CLIENTS = 100;
    private static final int USERS = 20;
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Duration LOG_IN_LIMIT = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration GONE_WITHIN = Duration.ofSeconds(60);

    private static IspServer isp;
    private static final List<String> USER_NAMES = new ArrayList<>();
    private static String prober;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The two client endpoints, how a client logs in to each, says goodbye, or asks something that is answered. */
    enum Endpoint {
        XMPP("/xmpp-websocket", "xmpp", Logins.XMPP_CLOSE,
                "<iq xmlns='jabber:client' type='get' id='ping1'><ping xmlns='urn:xmpp:ping'/></iq>"),
        LOCAL("/ws/local", null, Logins.LOCAL_LOGOUT, "{\"type\":\"ping\",\"id\":\"ping1\"}");

        final String path;
        final String subprotocol;
        final String goodbye;
        final String request;

        Endpoint(String path, String subprotocol, String goodbye, String request) {
            this.path = path;
            this.subprotocol = subprotocol;
            this.goodbye = goodbye;
            this.request = request;
        }

        void logIn(TextSocket socket, String user, String device, Duration wait) {
            if (this == XMPP) {
                Logins.xmpp(socket, isp.universalDomain(), user, Users.PASSWORD, device, wait);
            } else {
                Logins.local(socket, user, Users.PASSWORD, device, wait);
            }
        }

        String metricTag() {
            return name().toLowerCase();
        }
    }

    @BeforeAll
    static void registerUsersOnce() {
        isp = IspServer.a();
        for (int i = 0; i < USERS; i++) {
            USER_NAMES.add(Users.register(isp, "burst", true));
        }
        prober = Users.register(isp, "prober", true);
    }

    @Test
    void burstsOfRudeXmppClientsDoNotFreezeTheServer() throws Exception {
        bursts(Endpoint.XMPP);
    }

    @Test
    void burstsOfRudeLocalClientsDoNotFreezeTheServer() throws Exception {
        bursts(Endpoint.LOCAL);
    }

    private void bursts(Endpoint endpoint) throws Exception {
        List<String> report = new ArrayList<>();
        List<Probe.Check> slow = new ArrayList<>();
        for (int burst = 1; burst <= BURSTS; burst++) {
            int before = sessions(endpoint);
            long loggingIn = System.nanoTime();
            List<TextSocket> clients = logInAll(endpoint);
            long began = System.nanoTime();
            long logInMillis = TimeUnit.NANOSECONDS.toMillis(began - loggingIn);
            try (Probe probe = new Probe(HTTP, isp.uri("/health/ready"), () -> probeLogIn(endpoint)).start()) {
                // odd bursts say goodbye first, even ones ask something the server answers: either way an answer is
                // due when the close frame arrives
                String lastWords = burst % 2 == 1 ? endpoint.goodbye : endpoint.request;
                for (TextSocket client : clients) {
                    client.leaveRudely(lastWords);
                }
                // after: until the server has let every one of them go, and a few more checks
                String gone;
                try {
                    await().atMost(GONE_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> sessionsOrMax(endpoint) <= before);
                    gone = "sessions gone after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms";
                } catch (ConditionTimeoutException e) {
                    gone = "sessions NOT gone after " + GONE_WITHIN.toSeconds() + " s";
                    slow.add(new Probe.Check("sessions", began, GONE_WITHIN.toMillis(), false));
                }
                int checks = probe.count();
                await().atMost(Duration.ofSeconds(60)).until(() -> probe.count() >= checks + 6);
                probe.close();
                report.add(String.format("%s burst %d (%s, %d clients logged in in %d ms): %s; slowest health %d ms, "
                                + "slowest log-in %d ms, longest stall %d ms, %d checks", endpoint, burst,
                        burst % 2 == 1 ? "goodbye" : "request", CLIENTS, logInMillis, gone, probe.slowest("health"),
                        probe.slowest("log-in"), probe.stallMillis(LIMIT), probe.count()));
                slow.addAll(probe.over("health", LIMIT));
                slow.addAll(probe.over("log-in", LOG_IN_LIMIT));
            } finally {
                clients.forEach(TextSocket::close);
            }
        }
        report.forEach(line -> System.out.println("[burst] " + line));
        assertThat(slow).as("checks that took longer than %d ms (health) or %d ms (log-in):%n%s", LIMIT.toMillis(),
                LOG_IN_LIMIT.toMillis(), String.join("\n", report)).isEmpty();
    }

    /** {@value #CLIENTS} clients, half on the JDK client and half on raw sockets, each logged in as a device. */
    private static List<TextSocket> logInAll(Endpoint endpoint) throws Exception {
        // fewer at a time than an address may hold sockets not logged in (20)
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<TextSocket>> futures = IntStream.range(0, CLIENTS).mapToObj(i -> pool.submit(() -> {
                TextSocket socket = i % 2 == 0 ? JdkTextSocket.connect(HTTP, isp.ws(endpoint.path), endpoint.subprotocol, WAIT)
                        : raw(endpoint);
                try {
                    endpoint.logIn(socket, USER_NAMES.get(i % USERS), endpoint.name().charAt(0) + "d" + (i / USERS), WAIT);
                    return socket;
                } catch (RuntimeException | Error e) {
                    socket.close();
                    throw e;
                }
            })).toList();
            List<TextSocket> clients = new ArrayList<>();
            for (Future<TextSocket> f : futures) {
                clients.add(f.get(60, TimeUnit.SECONDS));
            }
            return clients;
        } finally {
            pool.shutdownNow();
        }
    }

    private static TextSocket raw(Endpoint endpoint) {
        try {
            return RawTextSocket.connect(isp.ws(endpoint.path), endpoint.subprotocol, WAIT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh client logs in within the probe's patience, then leaves the way the burst did. */
    private static void probeLogIn(Endpoint endpoint) {
        TextSocket socket = JdkTextSocket.connect(HTTP, isp.ws(endpoint.path), endpoint.subprotocol, Probe.PATIENCE);
        try {
            endpoint.logIn(socket, prober, "probe", Probe.PATIENCE);
        } finally {
            socket.leaveRudely(endpoint.goodbye);
        }
    }

    private static final Pattern GAUGE = Pattern.compile("(?m)^universalim_sessions\\{([^}]*)}\\s+([0-9.Ee+-]+)");

    /** Client sessions of a protocol connected to the server, from its metrics. */
    private static int sessions(Endpoint endpoint) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(isp.uri("/metrics?scope=application"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = GAUGE.matcher(metrics.body());
        while (m.find()) {
            if (m.group(1).contains("protocol=\"" + endpoint.metricTag() + "\"")) {
                return (int) Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no session gauge for " + endpoint + " in /metrics");
    }

    /** As {@link #sessions}, and "very many" while the server does not answer. */
    private static int sessionsOrMax(Endpoint endpoint) {
        try {
            return sessions(endpoint);
        } catch (IOException e) {
            return Integer.MAX_VALUE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Integer.MAX_VALUE;
        }
    }
}
