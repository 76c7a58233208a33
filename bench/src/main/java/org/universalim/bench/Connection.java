package org.universalim.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One XMPP client over one WebSocket (RFC 7395): opens the stream, optionally registers (XEP-0077),
 * authenticates with SCRAM-SHA-1 (PLAIN only if no SCRAM is offered), binds a resource, sends initial
 * presence, then hands every incoming {@code <message/>} frame to a {@link MessageSink}.
 *
 * <p>The JDK WebSocket allows one outstanding send at a time, so every frame goes through this
 * connection's queue and the next one is sent when the previous send completes.
 */
final class Connection implements WebSocket.Listener {

    /** What a connection is opened for. */
    enum Purpose { REGISTER, LOGIN }

    /** What registration found. */
    enum Registration { CREATED, EXISTED }

    /** Receives message frames of a ready connection, on the WebSocket's callback thread. */
    interface MessageSink {
        void onMessage(Connection receiver, String frame, long nowNanos);
    }

    /** Receives presence frames, and iq results and errors, of a ready connection, on its callback thread. */
    interface StanzaSink {
        void onStanza(Connection receiver, String frame, long nowNanos);
    }

    private enum State { CONNECTING, STREAM, REGISTERING, AUTH, STREAM2, BINDING, SESSION, READY, CLOSED }

    /** Runs the (uncached) PBKDF2 of SCRAM logins, one thread per core. */
    private static final java.util.concurrent.ExecutorService CRYPTO = java.util.concurrent.Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "scram");
                t.setDaemon(true);
                return t;
            });

    private static final String CLOSE_SENTINEL = new String("close");
    /** How long close() waits for the server to close the WebSocket after the stream's close. */
    private static final long CLOSE_WAIT_SECONDS = 3;
    private static final String OPEN_PREFIX = "<open xmlns='" + Xml.FRAMING_NS + "' version='1.0' to='";
    private static final String CLOSE_STREAM = "<close xmlns='" + Xml.FRAMING_NS + "'/>";
    private static final String MESSAGE_SUFFIX = "</body></message>";

    final int index;
    final String user;
    private final String password;
    private final String domain;
    private final String resource;
    private final Purpose purpose;

    private volatile WebSocket ws;
    private volatile State state = State.CONNECTING;
    private final StringBuilder partial = new StringBuilder();
    private final ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean broken;
    /** Frames received and sends completed: shown when a login times out. */
    private volatile int framesIn;
    private volatile int sendsDone;

    private final CompletableFuture<Connection> ready = new CompletableFuture<>();
    private final CompletableFuture<Registration> registered = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private Scram scram;
    private boolean serverVerified;
    private boolean needSession;
    private String boundJid;
    final long startNanos;
    long readyNanos;

    volatile MessageSink sink;
    volatile StanzaSink stanzaSink;
    /** Prefix of every message this user sends in the current run: addressing and the run/sender fields. */
    private volatile String messagePrefix;

    private Connection(int index, String user, String password, String domain, String resource, Purpose purpose) {
        this.index = index;
        this.user = user;
        this.password = password;
        this.domain = domain;
        this.resource = resource;
        this.purpose = purpose;
        this.startNanos = System.nanoTime();
    }

    /** Opens a WebSocket and runs the stream up to READY (LOGIN); the future fails on any error or timeout. */
    static CompletableFuture<Connection> login(HttpClient client, Options.Endpoint server, Options o, int index,
                                               Duration timeout) {
        return login(client, server, o, index, o.userName(index), timeout);
    }

    /** As {@link #login(HttpClient, Options.Endpoint, Options, int, Duration)}, for a user with this name. */
    static CompletableFuture<Connection> login(HttpClient client, Options.Endpoint server, Options o, int index,
                                               String user, Duration timeout) {
        return login(client, server, o, index, user, timeout, null);
    }

    /**
     * As above; {@code stanzas} (may be null) is installed before the stream starts, so it sees every
     * presence and iq result from the first one on (e.g. what the server sends right after the initial
     * presence).
     */
    static CompletableFuture<Connection> login(HttpClient client, Options.Endpoint server, Options o, int index,
                                               String user, Duration timeout, StanzaSink stanzas) {
        Connection c = new Connection(index, user, o.password, server.domain(), o.resource, Purpose.LOGIN);
        c.stanzaSink = stanzas;
        c.connect(client, server.url(index), timeout);
        return c.ready.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    throw e instanceof java.util.concurrent.TimeoutException
                            ? new BenchException(c.user + "@" + c.domain + ": login timed out after " + timeout.toSeconds()
                                    + " s in state " + c.state + " (" + c.progress() + ")")
                            : e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
                })
                .whenComplete((r, e) -> {
                    if (e != null) {
                        c.abort();
                    }
                });
    }

    /** Opens a WebSocket, registers the user in-band and closes the stream. */
    static CompletableFuture<Registration> register(HttpClient client, Options.Endpoint server, Options o, int index,
                                                    Duration timeout) {
        return register(client, server, o, index, o.userName(index), timeout);
    }

    /** As above, for a user with this name. */
    static CompletableFuture<Registration> register(HttpClient client, Options.Endpoint server, Options o, int index,
                                                    String user, Duration timeout) {
        Connection c = new Connection(index, user, o.password, server.domain(), o.resource, Purpose.REGISTER);
        c.connect(client, server.url(index), timeout);
        return c.registered.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    throw e instanceof java.util.concurrent.TimeoutException
                            ? new BenchException(c.user + "@" + c.domain + ": registration timed out after " + timeout.toSeconds()
                                    + " s in state " + c.state + " (" + c.progress() + ")")
                            : e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
                })
                .whenComplete((r, e) -> {
                    if (e != null) {
                        c.abort();
                    } else {
                        c.close();
                    }
                });
    }

    private void connect(HttpClient client, URI uri, Duration timeout) {
        client.newWebSocketBuilder()
                .subprotocols("xmpp")
                .connectTimeout(timeout)
                .buildAsync(uri, this)
                .whenComplete((w, e) -> {
                    if (e != null) {
                        fail("connect failed: " + rootCause(e));
                    }
                });
    }

    // ---------------------------------------------------------------- WebSocket.Listener

    @Override
    public void onOpen(WebSocket webSocket) {
        this.ws = webSocket;
        if (!"xmpp".equals(webSocket.getSubprotocol())) {
            fail("server did not accept the 'xmpp' subprotocol (got '" + webSocket.getSubprotocol() + "')");
            return;
        }
        webSocket.request(Long.MAX_VALUE);
        state = State.STREAM;
        send(OPEN_PREFIX + domain + "'/>");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
            return null;
        }
        framesIn++;
        String frame;
        if (partial.length() == 0) {
            frame = data.toString();
        } else {
            frame = partial.append(data).toString();
            partial.setLength(0);
        }
        try {
            handle(frame);
        } catch (RuntimeException e) {
            fail("error handling frame: " + e + " in " + abbreviate(frame));
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        state = State.CLOSED;
        fail("WebSocket closed by server: " + statusCode + " " + reason);
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        state = State.CLOSED;
        broken = true;
        fail("WebSocket error: " + rootCause(error));
        closed.complete(null);
    }

    // ---------------------------------------------------------------- XMPP

    private void handle(String frame) {
        State s = state;
        if (s == State.READY) {
            if (frame.startsWith("<message")) {
                MessageSink k = sink;
                if (k != null) {
                    k.onMessage(this, frame, System.nanoTime());
                }
                return;
            }
            if (frame.startsWith("<presence")) {
                StanzaSink k = stanzaSink;
                if (k != null) {
                    k.onStanza(this, frame, System.nanoTime());
                }
                return;
            }
        }
        String root = Xml.rootLocalName(frame);
        switch (root) {
            case "open" -> {
                return; // stream header; features follow in their own frame
            }
            case "close" -> {
                fail("server closed the stream");
                state = State.CLOSED;
                return;
            }
            case "error" -> {
                fail("stream error: " + abbreviate(frame));
                return;
            }
            default -> {
            }
        }
        switch (s) {
            case STREAM -> {
                if (root.equals("features")) {
                    onFeatures(frame);
                }
            }
            case REGISTERING -> {
                if (root.equals("iq") && "reg1".equals(Xml.rootAttribute(frame, "id"))) {
                    String type = Xml.rootAttribute(frame, "type");
                    if ("result".equals(type)) {
                        registered.complete(Registration.CREATED);
                    } else if (frame.contains("<conflict")) {
                        registered.complete(Registration.EXISTED);
                    } else {
                        fail("registration refused: " + abbreviate(frame));
                    }
                }
            }
            case AUTH -> onSasl(root, frame);
            case STREAM2 -> {
                if (root.equals("features")) {
                    needSession = frame.contains("urn:ietf:params:xml:ns:xmpp-session") && !frame.contains("<optional");
                    state = State.BINDING;
                    send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                            + "<resource>" + Xml.escape(resource) + "</resource></bind></iq>");
                }
            }
            case BINDING -> {
                if (root.equals("iq") && "bind1".equals(Xml.rootAttribute(frame, "id"))) {
                    if (!"result".equals(Xml.rootAttribute(frame, "type"))) {
                        fail("bind failed: " + abbreviate(frame));
                        return;
                    }
                    boundJid = Xml.childText(frame, "jid");
                    if (boundJid == null) {
                        fail("bind result without jid: " + abbreviate(frame));
                    } else if (needSession) {
                        state = State.SESSION;
                        send("<iq xmlns='jabber:client' type='set' id='sess1'>"
                                + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
                    } else {
                        becomeReady();
                    }
                }
            }
            case SESSION -> {
                if (root.equals("iq") && "sess1".equals(Xml.rootAttribute(frame, "id"))) {
                    if ("result".equals(Xml.rootAttribute(frame, "type"))) {
                        becomeReady();
                    } else {
                        fail("session failed: " + abbreviate(frame));
                    }
                }
            }
            case READY -> {
                if (root.equals("iq")) {
                    answerIq(frame);
                } else if (root.equals("presence")) {
                    // a presence with a namespace prefix or whitespace before it (not ours: it writes <presence)
                    StanzaSink k = stanzaSink;
                    if (k != null) {
                        k.onStanza(this, frame, System.nanoTime());
                    }
                }
            }
            default -> {
            }
        }
    }

    private void onFeatures(String frame) {
        if (purpose == Purpose.REGISTER) {
            state = State.REGISTERING;
            send("<iq xmlns='jabber:client' type='set' id='reg1'><query xmlns='jabber:iq:register'>"
                    + "<username>" + Xml.escape(user) + "</username><password>" + Xml.escape(password)
                    + "</password><name>" + Xml.escape(user) + "</name></query></iq>");
            return;
        }
        List<String> mechanisms = Xml.childTexts(frame, "mechanism");
        state = State.AUTH;
        if (mechanisms.contains("SCRAM-SHA-1")) {
            scram = new Scram(user, password);
            send("<auth xmlns='" + Xml.SASL_NS + "' mechanism='SCRAM-SHA-1'>" + b64(scram.clientFirst()) + "</auth>");
        } else if (mechanisms.contains("PLAIN")) {
            send("<auth xmlns='" + Xml.SASL_NS + "' mechanism='PLAIN'>" + b64(Scram.plain(user, password)) + "</auth>");
        } else {
            fail("no SCRAM-SHA-1 or PLAIN offered: " + mechanisms);
        }
    }

    private void onSasl(String root, String frame) {
        if (root.equals("failure")) {
            fail("authentication failed for " + user + ": " + abbreviate(frame));
            return;
        }
        String payload = Xml.childText(frame, Xml.rootName(frame));
        String text = payload == null || payload.isEmpty() || payload.equals("=") ? "" : unb64(payload.trim());
        switch (root) {
            case "challenge" -> {
                if (scram == null) {
                    fail("unexpected SASL challenge");
                } else if (text.startsWith("v=")) {
                    serverVerified = scram.verifyServerFinal(text);
                    if (!serverVerified) {
                        fail("server signature mismatch");
                        return;
                    }
                    send("<response xmlns='" + Xml.SASL_NS + "'/>");
                } else if (scram.isCached(text)) {
                    send("<response xmlns='" + Xml.SASL_NS + "'>" + b64(scram.clientFinal(text)) + "</response>");
                } else {
                    // PBKDF2 with the server's iteration count takes milliseconds: keep it off the I/O thread.
                    CompletableFuture.supplyAsync(() -> scram.clientFinal(text), CRYPTO).whenComplete((m, e) -> {
                        if (e != null) {
                            fail("SCRAM: " + rootCause(e));
                        } else {
                            send("<response xmlns='" + Xml.SASL_NS + "'>" + b64(m) + "</response>");
                        }
                    });
                }
            }
            case "success" -> {
                if (scram != null && !serverVerified && !scram.verifyServerFinal(text)) {
                    fail("server signature mismatch in success");
                    return;
                }
                state = State.STREAM2;
                send(OPEN_PREFIX + domain + "'/>");
            }
            default -> {
            }
        }
    }

    private void answerIq(String frame) {
        String type = Xml.rootAttribute(frame, "type");
        if (!"get".equals(type) && !"set".equals(type)) {
            StanzaSink k = stanzaSink;
            if (k != null) {
                k.onStanza(this, frame, System.nanoTime());
            }
            return;
        }
        String id = Xml.rootAttribute(frame, "id");
        String from = Xml.rootAttribute(frame, "from");
        String to = from == null ? "" : " to='" + Xml.escape(from) + "'";
        String idAttr = id == null ? "" : " id='" + Xml.escape(id) + "'";
        if (frame.contains("urn:xmpp:ping") || "set".equals(type) && frame.contains("jabber:iq:roster")) {
            // pings, and roster pushes (RFC 6121 2.1.6: the client acknowledges them)
            send("<iq xmlns='jabber:client' type='result'" + idAttr + to + "/>");
        } else {
            send("<iq xmlns='jabber:client' type='error'" + idAttr + to + "><error type='cancel'>"
                    + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        }
    }

    private void becomeReady() {
        readyNanos = System.nanoTime();
        state = State.READY;
        send("<presence xmlns='jabber:client'/>");
        ready.complete(this);
    }

    // ---------------------------------------------------------------- sending

    /** The full JID the server bound for this session. */
    String jid() {
        return boundJid;
    }

    /** The bound JID without its resource. */
    String bareJid() {
        return Jids.bare(boundJid);
    }

    /** Sends a stanza of a scenario (presence, iq) on this connection's queue. */
    void sendStanza(String stanza) {
        send(stanza);
    }

    /** Prepares the message prefix for a run: to the partner's full JID, body fields run and sender. */
    void prepareRun(int runId, String partnerJid) {
        messagePrefix = "<message xmlns='jabber:client' type='chat' to='" + Xml.escape(partnerJid) + "'><body>"
                + runId + ' ' + index + ' ';
    }

    /** Sends one benchmark message; the body is "run sender seq sentNanos" (see {@link MessageRun}). */
    void sendMessage(long seq, long sentNanos) {
        send(messagePrefix + seq + ' ' + (sentNanos - MessageRun.BASE_NANOS) + MESSAGE_SUFFIX);
    }

    boolean isReady() {
        return state == State.READY && !broken;
    }

    private void send(String frame) {
        if (broken) {
            return;
        }
        out.add(frame);
        if (sending.compareAndSet(false, true)) {
            pump();
        }
    }

    private void pump() {
        while (true) {
            String next = out.poll();
            if (next == null) {
                sending.set(false);
                if (out.isEmpty() || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            WebSocket w = ws;
            CompletableFuture<WebSocket> f;
            try {
                f = next == CLOSE_SENTINEL ? w.sendClose(WebSocket.NORMAL_CLOSURE, "") : w.sendText(next, true);
            } catch (RuntimeException e) {
                onSendFailure(e);
                return;
            }
            if (f.isDone()) {
                sendsDone++;
                if (f.isCompletedExceptionally()) {
                    f.exceptionally(e -> {
                        onSendFailure(e);
                        return null;
                    });
                    return;
                }
                continue;
            }
            f.whenComplete((r, e) -> {
                sendsDone++;
                if (e != null) {
                    onSendFailure(e);
                } else {
                    pump();
                }
            });
            return;
        }
    }

    private void onSendFailure(Throwable e) {
        broken = true;
        out.clear();
        fail("send failed: " + rootCause(e));
    }

    // ---------------------------------------------------------------- closing

    /** Closes the XMPP stream and the WebSocket after everything queued; the future completes when closed. */
    CompletableFuture<Void> close() {
        if (ws == null || state == State.CLOSED || broken) {
            abort();
            return CompletableFuture.completedFuture(null);
        }
        // RFC 7395 3.6: the server answers <close/> and closes the WebSocket; the JDK client then answers
        // the WebSocket close. Closing from both sides at once left Liberty threads waiting for ever in
        // WsocConnLink.waitToClose (see bench/README.md), so the driver closes the WebSocket itself only
        // when the server has not done so within CLOSE_WAIT_SECONDS.
        send(CLOSE_STREAM);
        CompletableFuture.delayedExecutor(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (!closed.isDone()) {
                send(CLOSE_SENTINEL);
            }
        });
        return closed;
    }

    private String progress() {
        return "websocket " + (ws == null ? "not open" : "open") + ", frames received " + framesIn
                + ", sends completed " + sendsDone + ", queued " + out.size();
    }

    void abort() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        state = State.CLOSED;
        closed.complete(null);
    }

    // ---------------------------------------------------------------- helpers

    private void fail(String why) {
        BenchException e = new BenchException(user + ": " + why);
        ready.completeExceptionally(e);
        registered.completeExceptionally(e);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** A failure the driver reports (not a bug of the driver). */
    static final class BenchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchException(String message) {
            super(message, null, false, false);
        }
    }
}
