package org.universalim.it.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What a client that never logs in, or never finishes its request, can hold: a socket not logged in is closed at
 * the log-in deadline, an address gets only its share of such sockets, and an HTTP request that stops arriving
 * is cut off. Against a server of its own with small limits (2 s deadline, 5 sockets per address, 2 s reads).
 */
class PreAuthenticationLimitsIT {

    private static final int PER_ADDRESS = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private static IspServer isp;
    private static String user;

    @BeforeAll
    static void start() {
        isp = IspServer.d(Map.of(
                "WS_LOGIN_DEADLINE_SECONDS", String.valueOf(DEADLINE.toSeconds()),
                "WS_UNAUTHENTICATED_PER_ADDRESS", String.valueOf(PER_ADDRESS),
                "HTTP_READ_TIMEOUT", READ_TIMEOUT.toSeconds() + "s",
                "HTTP_PERSIST_TIMEOUT", "2s"));
        user = Users.register(isp, "patient", true);
    }

    private static RawTextSocket socket(String path, String subprotocol) throws IOException {
        return RawTextSocket.connect(isp.ws(path), subprotocol, WAIT);
    }

    @Test
    void aLocalSocketThatDoesNotLogInIsClosedAtTheDeadline() throws IOException {
        long opened = System.nanoTime();
        try (RawTextSocket silent = socket("/ws/local", null)) {
            assertThat(silent.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(DEADLINE, DEADLINE.plusSeconds(3));
        }
    }

    @Test
    void anXmppStreamThatDoesNotLogInEndsWithConnectionTimeout() throws IOException {
        try (RawTextSocket silent = socket("/xmpp-websocket", "xmpp")) {
            silent.send("<open xmlns='" + Logins.FRAMING + "' to='" + isp.universalDomain() + "' version='1.0'/>");
            List<String> frames = new ArrayList<>();
            try {
                while (true) {
                    frames.add(silent.next(WAIT));
                }
            } catch (AssertionError closed) {
                assertThat(silent.isClosedByServer()).as("closed by the server: " + closed.getMessage()).isTrue();
            }
            assertThat(String.join("\n", frames)).contains("<connection-timeout xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
                    .contains("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
        }
    }

    @Test
    void aSocketThatLoggedInOutlivesTheDeadline() throws IOException {
        try (RawTextSocket client = socket("/ws/local", null)) {
            Logins.local(client, user, Users.PASSWORD, "pc", WAIT);
            await().during(DEADLINE.plusSeconds(1)).atMost(DEADLINE.plusSeconds(2)).until(() -> !client.isClosedByServer());
            client.send("{\"type\":\"ping\",\"id\":\"p\"}");
            assertThat(client.next(WAIT)).contains("\"result\"");
        }
    }

    @Test
    void anAddressGetsItsShareOfSocketsNotLoggedInAndNoMore() throws IOException {
        List<RawTextSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                boolean local = i % 2 == 0;
                // sockets of an earlier test may still be on their way out
                await().atMost(WAIT).ignoreExceptions().until(() -> held.add(local ? socket("/ws/local", null)
                        : socket("/xmpp-websocket", "xmpp")));
            }
            assertThatThrownBy(() -> socket("/ws/local", null)).isInstanceOfSatisfying(RawTextSocket.Refused.class,
                    refused -> assertThat(refused.status).isEqualTo(429));
            assertThatThrownBy(() -> socket("/xmpp-websocket", "xmpp")).isInstanceOf(RawTextSocket.Refused.class);
            // another address has its own share (127.0.0.2 is this machine too)
            held.add(RawTextSocket.connect(isp.ws("/ws/local"), null, WAIT, InetAddress.getByName("127.0.0.2")));

            // logging in on one of them gives the address a place back
            Logins.local(held.get(0), user, Users.PASSWORD, "laptop", WAIT);
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                held.add(socket("/ws/local", null));
                return true;
            });
        } finally {
            held.forEach(RawTextSocket::close);
        }
        // and the deadline gives them all back
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            try (RawTextSocket again = socket("/ws/local", null)) {
                return again != null;
            }
        });
    }

    @Test
    void aTcpStreamThatTricklesAndNeverLogsInEndsWithConnectionTimeout() throws IOException {
        long opened = System.nanoTime();
        try (Socket slow = new Socket(); Socket silentTls = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", isp.c2sPort()), 5000);
            slow.setSoTimeout(100);
            // a client that opens the TLS port and never says hello
            silentTls.connect(new InetSocketAddress("127.0.0.1", isp.c2sTlsPort()), 5000);
            silentTls.setSoTimeout((int) WAIT.toMillis());
            byte[] header = TcpStreams.header(isp).getBytes(StandardCharsets.US_ASCII);
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            boolean closed = false;
            int sent = 0;
            while (!closed && System.nanoTime() - opened < DEADLINE.plusSeconds(5).toNanos()) {
                // one byte of the stream header now and then: it is never complete before the deadline
                if (sent < header.length) {
                    try {
                        slow.getOutputStream().write(header[sent++]);
                    } catch (IOException reset) {
                        closed = true;
                    }
                }
                try {
                    int n = slow.getInputStream().read(buffer);
                    if (n < 0) {
                        closed = true;
                    } else {
                        got.write(buffer, 0, n);
                    }
                } catch (SocketTimeoutException nothingYet) {
                    // the slowloris's pace
                } catch (IOException reset) {
                    closed = true;
                }
                long began = System.nanoTime();
                assertThat(Http.get(isp.uri("/health/ready")).status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
            }
            assertThat(closed).as("closed by the server").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(DEADLINE, DEADLINE.plusSeconds(3));
            assertThat(got.toString(StandardCharsets.UTF_8)).contains("<connection-timeout xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
                    .endsWith("</stream:stream>");
            assertThat(endOf(silentTls)).as("the silent TLS connection is closed too").isTrue();
        }
    }

    @Test
    void webSocketsAndTcpStreamsShareTheAddressCountOfSocketsNotLoggedIn() {
        // all within the 2 s log-in deadline (which gives places back): tried again if the machine is too slow for that
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> {
            List<AutoCloseable> held = new ArrayList<>();
            List<Socket> tcp = new ArrayList<>();
            try {
                for (int i = 0; i < PER_ADDRESS; i++) {
                    if (i % 2 == 0) {
                        Socket s = TcpStreams.open(isp);
                        tcp.add(s);
                        held.add(s);
                    } else {
                        held.add(socket("/xmpp-websocket", "xmpp"));
                    }
                }
                // the address holds its share: one more TCP stream is refused with a stream error, one more WebSocket with 429
                try (Socket refused = TcpStreams.open(isp)) {
                    String answer = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(answer).contains("<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>").endsWith("</stream:stream>");
                }
                assertThatThrownBy(() -> socket("/ws/local", null)).isInstanceOfSatisfying(RawTextSocket.Refused.class,
                        refused -> assertThat(refused.status).isEqualTo(429));
                // and the TCP streams held were taken
                for (Socket s : tcp) {
                    assertThat(TcpStreams.answer(s)).contains("<starttls");
                }
            } finally {
                for (AutoCloseable c : held) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing anyway
                    }
                }
            }
        });
        // closing them gives the places back
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            TcpStreams.admitted(isp).close();
            return true;
        });
    }

    @Test
    void slowlorisConnectionsAreCutOffAndHoldNoThread() throws IOException {
        List<Socket> stopped = new ArrayList<>();
        List<Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                stopped.add(halfRequest(i));
                trickling.add(halfRequest(i));
            }
            Socket silent = new Socket();
            silent.connect(new InetSocketAddress("127.0.0.1", isp.httpPort()), 5000);
            silent.setSoTimeout((int) WAIT.toMillis());
            stopped.add(silent);

            // 200 slowloris connections, half of them sending a header line every half second: the server still answers
            long until = System.nanoTime() + READ_TIMEOUT.multipliedBy(2).toNanos();
            int line = 0;
            while (System.nanoTime() < until) {
                for (Socket s : trickling) {
                    s.getOutputStream().write(("X-Line-" + line + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                line++;
                long began = System.nanoTime();
                assertThat(Http.get(isp.uri("/health/ready")).status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
                // the slowloris's pace
                Thread.sleep(500);
            }
            // a request head that stopped, and a connection that never sent anything, are closed by the server
            for (Socket s : stopped) {
                assertThat(endOf(s)).as("the server closes a connection whose request stopped").isTrue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Socket s : stopped) {
                s.close();
            }
            for (Socket s : trickling) {
                s.close();
            }
        }
    }

    /** A connection that sent half a request head, as a slowloris does. */
    private static Socket halfRequest(int i) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", isp.httpPort()), 5000);
        s.setSoTimeout((int) WAIT.toMillis());
        OutputStream out = s.getOutputStream();
        out.write(("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** Reads until the server closes (true) or the test's patience ends (false); what the server says is ignored. */
    private static boolean endOf(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // a 408 or 400 page, if any
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Plain TCP streams to the XMPP port, as a client that has not logged in holds them. */
    static final class TcpStreams {

        private TcpStreams() {
        }

        static String header(IspServer isp) {
            return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='"
                    + isp.universalDomain() + "' version='1.0'>";
        }

        /** A connection to the STARTTLS port that sent its stream header. */
        static Socket open(IspServer isp) throws IOException {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", isp.c2sPort()), 5000);
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(header(isp).getBytes(StandardCharsets.US_ASCII));
            return s;
        }

        /** What the server answered a stream header with: its features, or a stream error. */
        static String answer(Socket s) throws IOException {
            StringBuilder got = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!got.toString().contains("</stream:features>") && !got.toString().contains("</stream:stream>")) {
                int n = s.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                got.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return got.toString();
        }

        /** A stream the server took (it offered its features); throws when it was refused. */
        static Socket admitted(IspServer isp) throws IOException {
            Socket s = open(isp);
            StringBuilder got = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!got.toString().contains("</stream:features>")) {
                int n = s.getInputStream().read(buffer);
                if (n < 0 || got.toString().contains("<stream:error")) {
                    s.close();
                    throw new IOException("refused: " + got);
                }
                got.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return s;
        }
    }
}
