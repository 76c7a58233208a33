package org.universalim.it.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.ScramClient;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three doors a password goes through, as an attacker uses them from a client address of the test's
 * choosing (sent as {@code X-Forwarded-For} through loopback, the guarded server's trusted proxy): HTTP Basic
 * on {@code /api/v1/me}, the Local protocol's {@code login} and XMPP SASL SCRAM-SHA-256, one connection per try.
 */
final class Doors {

    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final Pattern SECONDS = Pattern.compile("(\\d+) s\\b");

    enum Kind { ACCEPTED, WRONG, THROTTLED }

    /** What the door answered; {@code retryAfter} in seconds for THROTTLED. */
    record Outcome(Kind kind, int retryAfter, String answer) {

        /** Throttled for longer than any delay: the account or address is locked. */
        boolean locked() {
            return kind == Kind.THROTTLED && retryAfter > GuardedServer.DELAY_MAX_SECONDS;
        }
    }

    /** How a run of guesses went. */
    record Tally(int checked, int throttled, List<Outcome> outcomes) {
    }

    private Doors() {
    }

    static Outcome http(IspServer isp, String user, String password, String address) {
        HttpRequest.Builder request = HttpRequest.newBuilder(isp.uri("/api/v1/me")).GET()
                .header("Authorization", Http.basic(user, password));
        if (address != null) {
            request.header("X-Forwarded-For", address);
        }
        Http.Answer answer = Http.send(request);
        return switch (answer.status()) {
            case 200 -> new Outcome(Kind.ACCEPTED, 0, answer.body());
            case 401 -> new Outcome(Kind.WRONG, 0, answer.body());
            case 429 -> new Outcome(Kind.THROTTLED, Integer.parseInt(answer.header("Retry-After")), answer.body());
            default -> throw new AssertionError("HTTP " + answer.status() + " " + answer.body());
        };
    }

    static Outcome local(IspServer isp, String user, String password, String address) {
        try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", isp.httpPort(), "/ws/local", options(address))) {
            ws.send(Json.createObjectBuilder().add("type", "login").add("id", "l1").add("user", user)
                    .add("password", password).add("device", "pc").build().toString());
            // the answer to login (pushes that follow a log-in are not it)
            String text;
            JsonObject answer;
            do {
                text = ws.next();
                if (text == null) {
                    throw new AssertionError("the Local IM server closed the connection instead of answering login");
                }
                try (JsonReader reader = Json.createReader(new StringReader(text))) {
                    answer = reader.readObject();
                }
            } while (!"l1".equals(answer.getString("id", null)));
            if (answer.getString("type").equals("result")) {
                return new Outcome(Kind.ACCEPTED, 0, text);
            }
            return switch (answer.getString("code", "")) {
                case "authentication_failed" -> new Outcome(Kind.WRONG, 0, text);
                case "too_many_attempts" -> new Outcome(Kind.THROTTLED, answer.getInt("retryAfter"), text);
                default -> throw new AssertionError("unexpected answer to login: " + text);
            };
        }
    }

    static Outcome xmpp(IspServer isp, String user, String password, String address) {
        try (RawWebSocket ws = RawWebSocket.open("127.0.0.1", isp.httpPort(), "/xmpp-websocket", options(address).protocol("xmpp"))) {
            features(ws, isp);
            String answer = scram(ws, user, password);
            if (answer.startsWith("<success")) {
                return new Outcome(Kind.ACCEPTED, 0, answer);
            }
            if (answer.contains("<not-authorized/>")) {
                return new Outcome(Kind.WRONG, 0, answer);
            }
            if (answer.contains("<temporary-auth-failure/>")) {
                Matcher m = SECONDS.matcher(answer);
                return new Outcome(Kind.THROTTLED, m.find() ? Integer.parseInt(m.group(1)) : 0, answer);
            }
            throw new AssertionError("unexpected SASL answer: " + answer);
        }
    }

    /** Opens the stream and returns the features offered. */
    static String features(RawWebSocket ws, IspServer isp) {
        ws.send("<open xmlns='" + FRAMING + "' to='" + isp.universalDomain() + "' version='1.0'/>");
        String open = ws.next();
        if (open == null || !open.startsWith("<open")) {
            throw new AssertionError("no stream header: " + open);
        }
        return ws.next();
    }

    /** SASL SCRAM-SHA-256: the server's last answer, {@code <success/>} or {@code <failure/>}. */
    static String scram(RawWebSocket ws, String user, String password) {
        ScramClient scram = new ScramClient(user, password);
        ws.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                + ScramClient.base64(scram.clientFirst()) + "</auth>");
        String challenge = ws.next();
        if (challenge == null || !challenge.startsWith("<challenge")) {
            return String.valueOf(challenge);
        }
        String serverFirst = ScramClient.unbase64(challenge.replaceAll("<[^>]*>", ""));
        ws.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + ScramClient.base64(scram.clientFinal(serverFirst))
                + "</response>");
        return String.valueOf(ws.next());
    }

    private static RawWebSocket.Options options(String address) {
        RawWebSocket.Options options = RawWebSocket.Options.plain();
        return address == null ? options : options.header("X-Forwarded-For", address);
    }

    /**
     * Guesses as an attacker would (try {@code n} is {@code guess.apply(n)}), paced by the poll interval,
     * until the door answers "locked"; fails with the numbers when that does not happen within {@code max}.
     */
    static Tally guessUntilLocked(IntFunction<Outcome> guess, Duration max) {
        AtomicInteger tries = new AtomicInteger();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            Awaitility.await().atMost(max).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Outcome o = guess.apply(tries.incrementAndGet());
                        synchronized (outcomes) {
                            outcomes.add(o);
                        }
                        return o.locked();
                    });
        } catch (ConditionTimeoutException e) {
            Tally t = tally(outcomes);
            throw new AssertionError(tries.get() + " guesses in " + max.toSeconds() + " s: " + t.checked()
                    + " had their password checked, " + t.throttled() + " were throttled, none was refused as locked");
        }
        return tally(outcomes);
    }

    private static Tally tally(List<Outcome> outcomes) {
        synchronized (outcomes) {
            int checked = (int) outcomes.stream().filter(o -> o.kind() != Kind.THROTTLED).count();
            return new Tally(checked, outcomes.size() - checked, List.copyOf(outcomes));
        }
    }
}
