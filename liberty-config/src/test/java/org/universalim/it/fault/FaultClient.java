package org.universalim.it.fault;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.universalim.it.Users;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One device of a user on the Local protocol, as a careful client would be written, that outlives its connections:
 * every {@code message.send} carries the client's own id ({@code clientId}); a send the connection took down with it
 * unanswered is sent again with the same id after the next log-in, before anything new; every message received is
 * acknowledged at once, and acknowledgements the server had not answered when the connection went are given with the
 * next {@code login} ({@code acks}). It never drops a message it receives twice, so the test sees what a user would.
 */
final class FaultClient extends FaultDevice {

    private static final Pattern SEQUENCE = Pattern.compile("#(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final List<URI> endpoints;

    private final Map<String, Send> sends = new LinkedHashMap<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, String> sendFrames = new HashMap<>();
    private final List<Got> got = new ArrayList<>();
    private final Map<String, String> ackFrames = new HashMap<>();
    private final Set<String> acksToGive = new LinkedHashSet<>();
    private final Map<String, String> receipts = new HashMap<>();
    private final Map<String, CompletableFuture<JsonObject>> requests = new HashMap<>();

    private WebSocket socket;
    private long generation;
    private long frameIds;
    private CompletableFuture<WebSocket> lastWrite = CompletableFuture.completedFuture(null);
    private boolean loggedIn;
    private int connections;
    private int connectionsCounted = 1;
    private int refusedAcks;

    FaultClient(String user, String address, String device, List<URI> endpoints) {
        super(user, address, device);
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    synchronized boolean isLoggedIn() {
        return loggedIn;
    }

    /** How many times this client logged in again since it last forgot its counts. */
    @Override
    synchronized int reconnections() {
        return Math.max(0, connections - connectionsCounted);
    }

    /**
     * Connects (to the first endpoint that answers) and logs in unless logged in; then sends again, in order,
     * what was never answered. Returns whether the client is logged in.
     */
    @Override
    boolean ensureLoggedIn() {
        if (isLoggedIn()) {
            return true;
        }
        for (URI endpoint : endpoints) {
            if (logIn(endpoint)) {
                return true;
            }
        }
        return false;
    }

    private boolean logIn(URI endpoint) {
        long mine;
        WebSocket ws;
        synchronized (this) {
            mine = ++generation;
        }
        try {
            ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3)).buildAsync(endpoint, new Listener(mine))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception unreachable) {
            logOnFailed("no WebSocket to " + endpoint + ": " + unreachable);
            return false;
        }
        CompletableFuture<JsonObject> answer;
        synchronized (this) {
            socket = ws;
            lastWrite = CompletableFuture.completedFuture(null);
            JsonArrayBuilder acks = Json.createArrayBuilder();
            acksToGive.forEach(acks::add);
            String id = "l" + (++frameIds);
            answer = new CompletableFuture<>();
            requests.put(id, answer);
            write(Json.createObjectBuilder().add("type", "login").add("id", id).add("user", user).add("password", Users.PASSWORD)
                    .add("device", device).add("acks", acks).build().toString());
        }
        JsonObject result;
        try {
            result = answer.get(20, TimeUnit.SECONDS);
        } catch (Exception noAnswer) {
            logOnFailed("no answer to the login at " + endpoint + " within 20 s: " + noAnswer);
            ws.abort();
            return false;
        }
        if (!"result".equals(result.getString("type"))) {
            logOnFailed("login answered " + result);
            ws.abort();
            return false;
        }
        synchronized (this) {
            if (generation != mine) {
                return false;
            }
            acksToGive.clear();
            loggedIn = true;
            connections++;
            // what the last connection took down unanswered goes again, same client id, before anything new
            for (Send s : sends.values()) {
                if (!s.answered()) {
                    writeSend(s);
                }
            }
        }
        return true;
    }

    /** Sends the next message of the conversation with {@code to} if logged in; false if not. */
    @Override
    synchronized boolean sendNext(String to) {
        if (!loggedIn) {
            return false;
        }
        long sequence = nextSequence.merge(to, 1L, Long::sum);
        Send s = new Send(to, sequence, address + ">" + to + "#" + sequence);
        sends.put(s.clientId, s);
        writeSend(s);
        return true;
    }

    private void writeSend(Send s) {
        if (s.error != null) {
            s.sentAgainAt(nextSequence.merge(s.to, 1L, Long::sum)); // a refused message sent again is a new one
        }
        String id = "s" + (++frameIds);
        sendFrames.put(id, s.clientId);
        s.attempts++;
        write(Json.createObjectBuilder().add("type", "message.send").add("id", id).add("to", s.to)
                .add("body", "#" + s.sequence).add("clientId", s.clientId).build().toString());
    }

    /** Sends a request and waits for its answer (null when the connection went first). */
    JsonObject request(String type, jakarta.json.JsonObjectBuilder fields, Duration timeout) {
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        synchronized (this) {
            if (!loggedIn) {
                return null;
            }
            String id = "r" + (++frameIds);
            requests.put(id, answer);
            write(fields.add("type", type).add("id", id).build().toString());
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception noAnswer) {
            return null;
        }
    }

    private void write(String frame) {
        WebSocket ws = socket;
        lastWrite = lastWrite.handle((done, failure) -> null).thenCompose(ignored -> ws.sendText(frame, true));
    }

    /** Drops the connection without a word (the test cuts links itself through a proxy; this is the client side). */
    @Override
    void abort() {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
    }

    private synchronized void received(long mine, JsonObject frame) {
        if (mine != generation) {
            return;
        }
        String type = frame.getString("type", "");
        switch (type) {
            case "message" -> {
                String messageId = frame.getString("messageId");
                got.add(new Got(messageId, frame.getString("from", ""), sequence(frame), frame.getBoolean("offline", false)));
                String id = "a" + (++frameIds);
                ackFrames.put(id, messageId);
                write(Json.createObjectBuilder().add("type", "message.ack").add("id", id).add("messageId", messageId).build().toString());
            }
            case "receipt" -> {
                String messageId = frame.getString("messageId", "");
                String status = frame.getString("status", "");
                if (!"delivered".equals(receipts.get(messageId))) {
                    receipts.put(messageId, status);
                }
            }
            case "result", "error" -> answered(frame);
            default -> {
                // presence and the rest: not counted here
            }
        }
    }

    private void answered(JsonObject frame) {
        JsonValue idValue = frame.get("id");
        if (idValue == null || idValue.getValueType() != JsonValue.ValueType.STRING) {
            return;
        }
        String id = frame.getString("id");
        CompletableFuture<JsonObject> waiting = requests.remove(id);
        if (waiting != null) {
            waiting.complete(frame);
            return;
        }
        String clientId = sendFrames.remove(id);
        if (clientId != null) {
            Send s = sends.get(clientId);
            if ("result".equals(frame.getString("type"))) {
                s.messageId = frame.getString("messageId");
                s.status = frame.getString("status");
                s.error = null;
            } else if (!s.answered() || s.error != null) {
                s.error = frame.getString("code", "error");
            }
            return;
        }
        if (ackFrames.remove(id) != null && !"result".equals(frame.getString("type"))) {
            refusedAcks++;
        }
    }

    private synchronized void closed(long mine) {
        if (mine != generation) {
            return;
        }
        loggedIn = false;
        // acknowledgements on their way when the connection went: given again with the next log-in
        acksToGive.addAll(ackFrames.values());
        ackFrames.clear();
        sendFrames.clear();
        requests.values().forEach(f -> f.complete(Json.createObjectBuilder().add("type", "error").add("code", "gone").build()));
        requests.clear();
    }

    private static long sequence(JsonObject frame) {
        String text = frame.containsKey("body") && !frame.isNull("body") ? frame.getString("body") : frame.getString("xml", "");
        Matcher m = SEQUENCE.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    synchronized List<Send> sends() {
        return List.copyOf(sends.values());
    }

    @Override
    synchronized List<Got> got() {
        return List.copyOf(got);
    }

    @Override
    synchronized Map<String, String> receipts() {
        return Map.copyOf(receipts);
    }

    @Override
    boolean getsReceipts() {
        return true;
    }

    /** The statuses of the conversation's messages as this device's history ({@code history.get}) shows them. */
    @Override
    Map<String, String> history(String contact) {
        Map<String, String> statuses = new HashMap<>();
        String before = null;
        for (int page = 0; page < 200; page++) {
            var fields = Json.createObjectBuilder().add("contact", contact).add("limit", 200);
            if (before != null) {
                fields.add("before", before);
            }
            JsonObject answer = request("history.get", fields, Duration.ofSeconds(20));
            if (answer == null || !"result".equals(answer.getString("type"))) {
                return statuses;
            }
            List<JsonObject> items = answer.getJsonArray("messages").getValuesAs(JsonObject.class);
            for (JsonObject item : items) {
                statuses.putIfAbsent(item.getString("messageId"), item.getString("status"));
            }
            if (items.size() < 200) {
                return statuses;
            }
            before = items.get(items.size() - 1).getString("sentAt");
        }
        return statuses;
    }

    /** Acknowledgements the server answered with an error. */
    synchronized int refusedAcks() {
        return refusedAcks;
    }

    @Override
    synchronized int unanswered() {
        return (int) sends.values().stream().filter(s -> !s.answered()).count();
    }

    /** Forgets what was sent and received (the next round counts afresh); sequences go on. */
    @Override
    synchronized void forget() {
        sends.entrySet().removeIf(e -> e.getValue().answered());
        got.clear();
        receipts.clear();
        connectionsCounted = Math.max(1, connections);
    }

    private final class Listener implements WebSocket.Listener {
        private final long mine;
        private final StringBuilder partial = new StringBuilder();

        Listener(long mine) {
            this.mine = mine;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try (JsonReader reader = Json.createReader(new StringReader(text))) {
                    received(mine, reader.readObject());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(mine);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(mine);
        }
    }
}
