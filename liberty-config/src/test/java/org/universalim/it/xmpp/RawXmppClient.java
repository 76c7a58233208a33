package org.universalim.it.xmpp;

import org.universalim.it.IspServer;
import org.universalim.it.ScramClient;

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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XMPP over WebSocket by hand, on the JDK WebSocket client: sends frames as written and keeps every frame
 * the server sent, so a test can check them exactly.
 */
public final class RawXmppClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

    private final WebSocket socket;
    private final List<String> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private int seen;

    private RawXmppClient(URI uri, String origin) {
        this(uri, origin, null);
    }

    private RawXmppClient(URI uri, String origin, String forwardedFor) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("xmpp")
                .connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    static RawXmppClient connect(IspServer isp) {
        return new RawXmppClient(isp.ws("/xmpp-websocket"), null);
    }

    /** Through a trusted proxy that names the client's address (a server that trusts 127.0.0.1 as a proxy). */
    static RawXmppClient connectFrom(IspServer isp, String clientAddress) {
        return new RawXmppClient(isp.ws("/xmpp-websocket"), null, clientAddress);
    }

    /** As a browser page of {@code origin} would connect. */
    static RawXmppClient connect(IspServer isp, String origin) {
        return new RawXmppClient(isp.ws("/xmpp-websocket"), origin);
    }

    /** Opens the stream, authenticates with SCRAM-SHA-256 (PLAIN is offered over TLS only), restarts and binds {@code resource}. */
    public static RawXmppClient loggedIn(IspServer isp, String user, String password, String resource) {
        RawXmppClient c = connect(isp);
        c.send("<open xmlns='" + FRAMING + "' to='" + isp.universalDomain() + "' version='1.0'/>");
        c.next(f -> f.startsWith("<open"));
        c.next(f -> f.contains("<stream:features"));
        String success = c.scram(user, password);
        if (!success.startsWith("<success")) {
            throw new AssertionError("log-in refused: " + success);
        }
        c.send("<open xmlns='" + FRAMING + "' to='" + isp.universalDomain() + "' version='1.0'/>");
        c.next(f -> f.startsWith("<open"));
        c.next(f -> f.contains("<stream:features"));
        c.send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        c.next(f -> f.contains("id=\"bind1\""));
        return c;
    }

    /** SASL SCRAM-SHA-256 on an opened stream: the server's last answer, {@code <success/>} or {@code <failure/>}. */
    String scram(String user, String password) {
        ScramClient scram = new ScramClient(user, password);
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + ScramClient.MECHANISM + "'>"
                + ScramClient.base64(scram.clientFirst()) + "</auth>");
        String challenge = next(f -> f.startsWith("<challenge") || f.startsWith("<failure"));
        if (challenge.startsWith("<failure")) {
            return challenge;
        }
        String serverFirst = ScramClient.unbase64(challenge.replaceAll("<[^>]*>", ""));
        send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + ScramClient.base64(scram.clientFinal(serverFirst))
                + "</response>");
        return next(f -> f.startsWith("<success") || f.startsWith("<failure"));
    }

    String protocol() {
        return socket.getSubprotocol();
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next frame not yet returned by {@code next} that matches, waiting for it. */
    public synchronized String next(Predicate<String> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (int i = seen; i < frames.size(); i++) {
                if (condition.test(frames.get(i))) {
                    seen = i + 1;
                    return frames.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed.isDone() && seen >= frames.size()) {
                throw new AssertionError("no matching frame; received: " + frames.subList(Math.min(seen, frames.size()), frames.size())
                        + (closed.isDone() ? " (closed)" : ""));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The next frame, whatever it is. */
    String next() {
        return next(f -> true);
    }

    public synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    /** The WebSocket close code the server closed with, waiting for it. */
    int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not close the connection; frames: " + frames(), e);
        }
    }

    /**
     * Sends an available presence with entity capabilities (XEP-0115) for these features and answers the
     * server's disco#info question about them, as a client does; {@code name} makes the hash this client's own.
     */
    void announceCaps(String name, List<String> features) {
        String node = "https://it.universal-im.example/client";
        String ver = capsVer(name, features);
        send("<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='" + node
                + "' ver='" + ver + "'/></presence>");
        String query = next(f -> f.startsWith("<iq") && f.contains("type=\"get\"") && f.contains("http://jabber.org/protocol/disco#info")
                && f.contains(node + "#" + ver));
        String asker = attribute(query, "from");
        StringBuilder answer = new StringBuilder("<iq xmlns='jabber:client' type='result' id='" + attribute(query, "id") + "'"
                + (asker == null ? "" : " to='" + asker + "'") + "><query xmlns='http://jabber.org/protocol/disco#info' node='" + node + "#" + ver + "'>"
                + "<identity category='client' type='pc' name='" + name + "'/>");
        features.forEach(f -> answer.append("<feature var='").append(f).append("'/>"));
        send(answer.append("</query></iq>").toString());
        // the server has taken the answer once it answers what came after it
        send("<iq xmlns='jabber:client' type='get' id='caps-ping'><ping xmlns='urn:xmpp:ping'/></iq>");
        next(f -> f.contains("id=\"caps-ping\""));
    }

    /** The XEP-0115 verification string's hash for one identity (client/pc) and these features. */
    static String capsVer(String name, List<String> features) {
        StringBuilder s = new StringBuilder("client/pc//" + name + "<");
        features.stream().sorted().forEach(f -> s.append(f).append('<'));
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a frame matching the condition arrived (among those not yet returned by {@code next}), without waiting. */
    synchronized boolean hasReceived(Predicate<String> condition) {
        return frames.subList(Math.min(seen, frames.size()), frames.size()).stream().anyMatch(condition);
    }

    public static String attribute(String frame, String name) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=[\"']([^\"']*)[\"']").matcher(frame);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private synchronized void add(String frame) {
        frames.add(frame);
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
            synchronized (RawXmppClient.this) {
                RawXmppClient.this.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
            synchronized (RawXmppClient.this) {
                RawXmppClient.this.notifyAll();
            }
        }
    }
}
