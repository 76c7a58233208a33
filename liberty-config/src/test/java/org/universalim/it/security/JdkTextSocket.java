package org.universalim.it.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A WebSocket of the JDK's client ({@code java.net.http.WebSocket}). */
final class JdkTextSocket implements TextSocket {

    private static final String CLOSED = "\0closed";

    private final WebSocket socket;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private JdkTextSocket(HttpClient client, URI uri, String subprotocol, Duration timeout) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        socket = builder.buildAsync(uri, new Listener()).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static JdkTextSocket connect(HttpClient client, URI uri, String subprotocol, Duration timeout) {
        return new JdkTextSocket(client, uri, subprotocol, timeout);
    }

    @Override
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public String next(Duration timeout) {
        try {
            String frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout.toMillis() + " ms");
            }
            if (frame == CLOSED) {
                frames.add(CLOSED);
                throw new AssertionError("the server closed the connection with " + closed.getNow(-1));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void leaveRudely(String lastWords) {
        CompletableFuture<WebSocket> words = lastWords == null ? CompletableFuture.completedFuture(socket)
                : socket.sendText(lastWords, true);
        words.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                .whenComplete((ws, failure) -> socket.abort());
    }

    @Override
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + timeout.toMillis() + " ms", e);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            frames.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
            frames.add(CLOSED);
        }
    }
}
