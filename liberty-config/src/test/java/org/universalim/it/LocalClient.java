package org.universalim.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Local IM protocol client on the JDK WebSocket client: sends frames, waits for the reply to each, and
 * keeps every frame the server pushed so tests can wait for one.
 */
public final class LocalClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final List<JsonObject> received = new ArrayList<>();
    private final Object sendLock = new Object();
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
    private final List<String> rawFrames = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile boolean autoAck = true;
    /** The message.ack frames sent by autoAck: frame id to message id. */
    private final java.util.Map<String, String> acksSent = new java.util.LinkedHashMap<>();

    private LocalClient(URI uri, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static LocalClient connect(IspServer isp) {
        return new LocalClient(isp.ws("/ws/local"), null);
    }

    public static LocalClient connect(IspServer isp, String origin) {
        return new LocalClient(isp.ws("/ws/local"), origin);
    }

    /** Connects to any Local IM endpoint (a node, or nginx in front of the nodes). */
    public static LocalClient connect(URI uri) {
        return new LocalClient(uri, null);
    }

    /** Connects and logs in as a device; fails the test when the login is refused. */
    public static LocalClient login(IspServer isp, String user, String device) {
        return login(isp.ws("/ws/local"), user, device);
    }

    /** Connects to {@code uri} and logs in as a device; fails the test when the login is refused. */
    public static LocalClient login(URI uri, String user, String device) {
        LocalClient client = connect(uri);
        JsonObject answer = client.request("login", Json.createObjectBuilder().add("user", user)
                .add("password", Users.PASSWORD).add("device", device));
        if (!"result".equals(answer.getString("type"))) {
            throw new AssertionError("login of " + user + " refused: " + answer);
        }
        return client;
    }

    /** When false, received messages are not acknowledged (to test failover). */
    public LocalClient autoAck(boolean on) {
        this.autoAck = on;
        return this;
    }

    /** Sends a frame and waits for its result or error. */
    public JsonObject request(String type, JsonObjectBuilder fields) {
        String id = "c" + ids.incrementAndGet();
        sendRaw(fields.add("type", type).add("id", id).build().toString());
        return await(f -> id.equals(f.getString("id", null)) && (f.getString("type").equals("result")
                || f.getString("type").equals("error")));
    }

    public JsonObject request(String type) {
        return request(type, Json.createObjectBuilder());
    }

    public void sendRaw(String text) {
        send(text).join();
    }

    /**
     * Sends after the previous send completed: the JDK WebSocket allows one send at a time, and the
     * listener's acknowledgements go out while the test sends its own frames.
     */
    private CompletableFuture<WebSocket> send(String text) {
        synchronized (sendLock) {
            CompletableFuture<WebSocket> next = lastSend.handle((done, failure) -> null)
                    .thenCompose(ignored -> socket.sendText(text, true));
            lastSend = next;
            return next;
        }
    }

    /** Waits for a frame matching the condition (also one that came earlier), and returns it. */
    public JsonObject await(Predicate<JsonObject> condition) {
        return await(condition, WAIT);
    }

    public synchronized JsonObject await(Predicate<JsonObject> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonObject f : received) {
                if (condition.test(f)) {
                    return f;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching frame within " + timeout.toMillis() + " ms; received: " + received);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Waits until the frames received so far, in order, satisfy the condition (e.g. "the last presence of bob
     * says OFFLINE"), without polling: it is checked again whenever a frame arrives.
     */
    public synchronized void awaitFrames(Predicate<List<JsonObject>> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(received)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + "; received: " + received);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for a pushed frame of a type that satisfies the condition. */
    public JsonObject awaitPush(String type, Predicate<JsonObject> condition) {
        return await(f -> type.equals(f.getString("type")) && condition.test(f));
    }

    public synchronized List<JsonObject> received() {
        return List.copyOf(received);
    }

    public synchronized List<JsonObject> received(String type) {
        return received.stream().filter(f -> type.equals(f.getString("type"))).toList();
    }

    /**
     * The messages this client acknowledged (autoAck) without seeing the acknowledgement answered: what a client gives
     * again with its next {@code login} ({@code acks}).
     */
    public synchronized List<String> unansweredAcks() {
        java.util.Set<String> answered = new java.util.HashSet<>();
        for (JsonObject f : received) {
            if ("result".equals(f.getString("type")) && "message.ack".equals(f.getString("for", null))) {
                answered.add(f.getString("id", ""));
            }
        }
        return acksSent.entrySet().stream().filter(e -> !answered.contains(e.getKey())).map(java.util.Map.Entry::getValue)
                .distinct().toList();
    }

    /** Forgets the frames received so far. */
    public synchronized void clear() {
        received.clear();
    }

    /** The close code the server closed with, waiting for it. */
    public int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not close the connection", e);
        }
    }

    /** The close code the server closed with (-1: the connection failed without a close), or null while open. */
    public Integer closeCode() {
        return closed.getNow(null);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private synchronized void add(String text) {
        rawFrames.add(text);
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject frame = reader.readObject();
            received.add(frame);
            if (autoAck && "message".equals(frame.getString("type"))) {
                String id = "ack" + ids.incrementAndGet();
                acksSent.put(id, frame.getString("messageId"));
                send(Json.createObjectBuilder().add("type", "message.ack").add("id", id)
                        .add("messageId", frame.getString("messageId")).build().toString());
            }
        }
        notifyAll();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            synchronized (LocalClient.this) {
                LocalClient.this.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
            synchronized (LocalClient.this) {
                LocalClient.this.notifyAll();
            }
        }
    }
}
