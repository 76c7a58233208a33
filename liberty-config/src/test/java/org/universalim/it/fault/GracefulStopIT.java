package org.universalim.it.fault;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful stop of the server ({@code server stop}, not a crash) while clients send at a steady rate (issue 14): the
 * server stops taking messages, writes every message it accepted, and only then stops. After the restart every message
 * a sender was answered {@code sent} or {@code stored} for reaches its recipient, once; a send the server could no
 * longer take is answered {@code shutting_down} (or not at all, when the connection went first), never
 * {@code internal_error}; an XMPP over TCP stream ends with {@code system-shutdown}; and the log of the stop holds no
 * failure (no error, no stack trace, no {@code EJBStoppedException}).
 */
class GracefulStopIT {

    static final int PAIRS = 8;
    /** Each sender sends one message every this many milliseconds (40 a second, under the 50 frames a second allowed). */
    static final long EVERY_MILLIS = 25;
    static final Map<String, String> SETTINGS = Map.of("OFFLINE_MAX_PER_USER", "100000", "OFFLINE_MAX_PER_SENDER", "100000");

    static IspServer isp;

    @BeforeAll
    static void ownServer() {
        isp = IspServer.own("gs", 11, "node1", "isp-a.example", SETTINGS);
        IspServer.startTogether(isp);
    }

    @AfterAll
    static void stopServer() {
        if (isp != null) {
            isp.stopForTest();
        }
    }

    @Test
    void aGracefulStopLosesNothingAndLogsNoFailure() throws Exception {
        List<String> recipients = new ArrayList<>();
        List<LocalClient> before = new ArrayList<>();
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String recipient = Users.register(isp, "gsr", false);
            recipients.add(recipient);
            before.add(LocalClient.login(isp, recipient, "pc"));
            senders.add(new Sender(LocalClient.login(isp, Users.register(isp, "gss", false), "pc"), recipient + "@" + isp.domain()));
        }
        ScheduledExecutorService pace = Executors.newScheduledThreadPool(PAIRS);
        try {
            senders.forEach(s -> pace.scheduleAtFixedRate(s::sendNext, 0, EVERY_MILLIS, TimeUnit.MILLISECONDS));
            // mid-stream: every sender has been answered a while
            await().atMost(Duration.ofSeconds(90)).until(() -> senders.stream().allMatch(s -> s.accepted().size() >= 100));
            long logStart = Files.size(isp.messagesLog());
            String xmppTcp;
            try (java.net.Socket stream = openXmppStream()) {
                isp.stopForTest();
                xmppTcp = readToEnd(stream);
            }
            // the server's process is gone: no answer comes any more (a client may not have noticed the close yet)
            pace.shutdownNow();
            pace.awaitTermination(10, TimeUnit.SECONDS);
            List<String> failures = failureLines(logStart);
            Map<Integer, Long> closes = java.util.stream.Stream.concat(senders.stream().map(s -> s.client), before.stream())
                    .collect(Collectors.groupingBy(c -> c.closeCode() == null ? 0 : c.closeCode(), TreeMap::new, Collectors.counting()));

            Map<String, Integer> errors = new TreeMap<>();
            int acceptedCount = 0;
            int unanswered = 0;
            for (Sender s : senders) {
                acceptedCount += s.accepted().size();
                s.errors().forEach((code, n) -> errors.merge(code, n, Integer::sum));
                unanswered += s.sent.get() - s.accepted().size() - s.errors().values().stream().mapToInt(Integer::intValue).sum();
            }

            isp.startForTest();
            int lost = 0;
            int twice = 0;
            int delivered = 0;
            for (int i = 0; i < PAIRS; i++) {
                Map<String, String> accepted = senders.get(i).accepted();
                LocalClient first = before.get(i);
                // a client gives again, at its next log-in, the acknowledgements it never saw answered
                try (LocalClient after = LocalClient.connect(isp)) {
                    JsonArrayBuilder acks = Json.createArrayBuilder();
                    first.unansweredAcks().forEach(acks::add);
                    JsonObject login = after.request("login", Json.createObjectBuilder().add("user", recipients.get(i))
                            .add("password", Users.PASSWORD).add("device", "pc").add("acks", acks));
                    assertThat(login.getString("type")).as(login.toString()).isEqualTo("result");
                    try {
                        after.awaitFrames(frames -> {
                            Map<String, Long> got = messageIds(first.received(), frames);
                            return got.keySet().containsAll(accepted.keySet());
                        }, Duration.ofSeconds(60), "every accepted message");
                    } catch (AssertionError notAll) {
                        // counted below
                    }
                    Map<String, Long> got = messageIds(first.received(), after.received());
                    delivered += got.size();
                    lost += (int) accepted.keySet().stream().filter(id -> !got.containsKey(id)).count();
                    twice += (int) got.values().stream().filter(n -> n > 1).count();
                }
            }
            String counts = String.format("graceful stop: %d sends, %d accepted, errors %s, %d unanswered; after the restart "
                            + "%d delivered, %d lost, %d shown twice; connections closed by code (0: not seen closed) %s; %d failure lines "
                            + "in the log of the stop%s",
                    senders.stream().mapToInt(s -> s.sent.get()).sum(), acceptedCount, errors, unanswered, delivered, lost, twice, closes,
                    failures.size(), failures.isEmpty() ? "" : ", first: " + failures.subList(0, Math.min(5, failures.size())));
            System.out.println("[it] " + counts);
            assertThat(lost).as(counts).isZero();
            assertThat(twice).as(counts).isZero();
            assertThat(errors.keySet()).as(counts).isSubsetOf("shutting_down");
            assertThat(failures).as(counts).isEmpty();
            // RFC 6120 4.9.3.22: an XMPP over TCP stream open at the stop ends with system-shutdown
            assertThat(xmppTcp).as("what an XMPP over TCP client read at the stop").contains("<system-shutdown");
        } finally {
            pace.shutdownNow();
            senders.forEach(s -> s.client.close());
            before.forEach(LocalClient::close);
        }
    }

    /** An XMPP over TCP stream (STARTTLS port), opened as far as the server's features. */
    private static java.net.Socket openXmppStream() throws IOException {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", isp.c2sPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='" + isp.universalDomain() + "' version='1.0'>")
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (read.indexOf("</stream:features>") < 0) {
            int n = socket.getInputStream().read(buffer);
            if (n < 0) {
                throw new AssertionError("the XMPP stream closed before its features: " + read);
            }
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return socket;
    }

    /** What the server still sends until it closes the connection (or 10 s pass without a byte). */
    private static String readToEnd(java.net.Socket socket) {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                read.write(buffer, 0, n);
            }
        } catch (IOException endedOrSilent) {
            // a reset or the read time-out: what came is what there is
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    /** How often each message id came to the recipient, over its connection before the stop and the one after. */
    private static Map<String, Long> messageIds(List<JsonObject> before, List<JsonObject> after) {
        return java.util.stream.Stream.concat(before.stream(), after.stream()).filter(f -> "message".equals(f.getString("type")))
                .collect(Collectors.groupingBy(f -> f.getString("messageId"), Collectors.counting()));
    }

    /** The lines of messages.log written since {@code from} that tell of a failure: errors, stack traces, a stopped EJB. */
    private static List<String> failureLines(long from) throws IOException {
        byte[] tail;
        try (RandomAccessFile log = new RandomAccessFile(isp.messagesLog().toFile(), "r")) {
            log.seek(from);
            tail = new byte[(int) (log.length() - from)];
            log.readFully(tail);
        }
        return new String(tail, StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" E ") || l.startsWith("\tat ") || l.contains("Exception") || l.contains("SEVERE"))
                .toList();
    }

    /** One sender on the Local protocol: sends without waiting for answers, at a steady rate, each with its own client id. */
    private static final class Sender {
        final LocalClient client;
        final String to;
        final AtomicInteger sent = new AtomicInteger();
        private volatile boolean done;

        Sender(LocalClient client, String to) {
            this.client = client;
            this.to = to;
        }

        void sendNext() {
            if (done || client.isClosed()) {
                return;
            }
            int n = sent.get() + 1;
            try {
                client.sendRaw(Json.createObjectBuilder().add("type", "message.send").add("id", "s" + n).add("to", to)
                        .add("clientId", "m" + n).add("body", "message " + n).build().toString());
                sent.set(n);
            } catch (RuntimeException closed) {
                done = true;
            }
        }

        /** The messages the server answered sent or stored for: message id to body. */
        Map<String, String> accepted() {
            Map<String, String> ids = new HashMap<>();
            for (JsonObject f : client.received("result")) {
                if ("message.send".equals(f.getString("for", null))) {
                    ids.put(f.getString("messageId"), f.getString("id"));
                }
            }
            return ids;
        }

        /** The send errors (and frames not read), counted by code. */
        Map<String, Integer> errors() {
            Map<String, Integer> codes = new TreeMap<>();
            for (JsonObject f : client.received("error")) {
                // an error without "for" counts too (rate_limited had none, before a client over the rate was slowed down)
                if (!f.containsKey("for") || "message.send".equals(f.getString("for"))) {
                    codes.merge(f.getString("code"), 1, Integer::sum);
                }
            }
            return codes;
        }
    }
}
