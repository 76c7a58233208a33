package org.universalim.it.fault;

import org.universalim.it.ScramClient;
import org.universalim.it.Users;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One device of a user on XMPP over WebSocket (RFC 7395) with stream management (XEP-0198), as a careful mobile client
 * is written: it enables resumption, asks {@code <r/>} after every message it sends and counts a message as taken once
 * the server's {@code <a h/>} covers it, acknowledges every stanza it is given at once, and when its link goes it
 * resumes the session ({@code <resume h/>}, then sends again what the server's {@code h} does not cover). Where the
 * session cannot be resumed (the server restarted) it binds anew and sends the unacknowledged messages again with the
 * same XEP-0359 {@code origin-id}, so the server makes no second message of them. A message it is given is known by
 * the archive id the server puts in {@code <stanza-id/>}.
 */
final class XmppFaultClient extends FaultDevice {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Pattern SEQUENCE = Pattern.compile("#(\\d+)");
    private static final String SM = "urn:xmpp:sm:3";
    private static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String SID = "urn:xmpp:sid:0";
    private static final DocumentBuilderFactory XML = DocumentBuilderFactory.newInstance();

    static {
        XML.setNamespaceAware(true);
        try {
            XML.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            XML.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private final String domain;
    private final List<URI> endpoints;

    private final Map<String, Send> sends = new LinkedHashMap<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<Got> got = new ArrayList<>();

    private WebSocket socket;
    private long generation;
    private CompletableFuture<WebSocket> lastWrite = CompletableFuture.completedFuture(null);
    private boolean loggedIn;
    private int connections;
    private int connectionsCounted = 1;
    /** Frames of the log-in (before the session is enabled or resumed), for the thread logging in. */
    private BlockingQueue<Element> handshake = new LinkedBlockingQueue<>();
    /** Completed true once the session is enabled or resumed, false when resumption failed or the link went. */
    private CompletableFuture<Boolean> ready = new CompletableFuture<>();

    // stream management: the session to resume, the stanzas counted both ways since <enabled/>, the messages the
    // server has not acknowledged yet by the count they were sent at
    private String session;
    private boolean counting;
    private long handled;
    private long sentCount;
    private final TreeMap<Long, Send> unacked = new TreeMap<>();

    XmppFaultClient(String user, String address, String domain, String resource, List<URI> endpoints) {
        super(user, address, resource);
        this.domain = domain;
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    boolean isXmpp() {
        return true;
    }

    @Override
    synchronized boolean isLoggedIn() {
        return loggedIn;
    }

    @Override
    synchronized int reconnections() {
        return Math.max(0, connections - connectionsCounted);
    }

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
        BlockingQueue<Element> frames = new LinkedBlockingQueue<>();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        synchronized (this) {
            mine = ++generation;
            handshake = frames;
            ready = done;
            counting = false;
        }
        WebSocket ws;
        try {
            ws = HTTP.newWebSocketBuilder().subprotocols("xmpp").connectTimeout(Duration.ofSeconds(3))
                    .buildAsync(endpoint, new Listener(mine)).get(5, TimeUnit.SECONDS);
        } catch (Exception unreachable) {
            logOnFailed("no WebSocket to " + endpoint + ": " + unreachable);
            return false;
        }
        synchronized (this) {
            socket = ws;
            lastWrite = CompletableFuture.completedFuture(null);
        }
        try {
            open(frames);
            ScramClient scram = new ScramClient(user, Users.PASSWORD);
            write("<auth xmlns='" + SASL + "' mechanism='" + ScramClient.MECHANISM + "'>" + ScramClient.base64(scram.clientFirst())
                    + "</auth>");
            Element challenge = next(frames);
            if (!"challenge".equals(challenge.getLocalName())) {
                throw new IllegalStateException("log-in refused: " + challenge.getLocalName());
            }
            write("<response xmlns='" + SASL + "'>" + ScramClient.base64(scram.clientFinal(ScramClient.unbase64(challenge.getTextContent())))
                    + "</response>");
            if (!"success".equals(next(frames).getLocalName())) {
                throw new IllegalStateException("log-in refused");
            }
            open(frames);
            String previous;
            long h;
            synchronized (this) {
                previous = session;
                h = handled;
            }
            boolean resumed = false;
            if (previous != null) {
                write("<resume xmlns='" + SM + "' previd='" + previous + "' h='" + h + "'/>");
                resumed = done.get(STEP.toSeconds(), TimeUnit.SECONDS);
            }
            if (!resumed) {
                synchronized (this) {
                    if (generation != mine) {
                        return false;
                    }
                    session = null;
                    ready = done = new CompletableFuture<>();
                }
                write("<iq xmlns='jabber:client' type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                        + device + "</resource></bind></iq>");
                Element bound = next(frames);
                if (!"iq".equals(bound.getLocalName()) || !"result".equals(bound.getAttribute("type"))) {
                    throw new IllegalStateException("bind refused");
                }
                write("<enable xmlns='" + SM + "' resume='true'/>");
                if (!done.get(STEP.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("stream management refused");
                }
            }
        } catch (Exception failed) {
            logOnFailed("log-on at " + endpoint + " failed: " + failed);
            ws.abort();
            return false;
        }
        synchronized (this) {
            if (generation != mine) {
                return false;
            }
            loggedIn = true;
            connections++;
        }
        return true;
    }

    private void open(BlockingQueue<Element> frames) throws InterruptedException {
        write("<open xmlns='" + FRAMING + "' to='" + domain + "' version='1.0'/>");
        if (!"open".equals(next(frames).getLocalName()) || !"features".equals(next(frames).getLocalName())) {
            throw new IllegalStateException("no stream");
        }
    }

    private static Element next(BlockingQueue<Element> frames) throws InterruptedException {
        Element e = frames.poll(STEP.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new IllegalStateException("the server did not answer");
        }
        return e;
    }

    @Override
    synchronized boolean sendNext(String to) {
        if (!loggedIn) {
            return false;
        }
        long sequence = nextSequence.merge(to, 1L, Long::sum);
        Send s = new Send(to, sequence, user + "-" + to.substring(0, to.indexOf('@')) + "-" + sequence);
        sends.put(s.clientId, s);
        writeMessage(s);
        return true;
    }

    /** Sends a message stanza (counted), then asks the server to acknowledge. */
    private void writeMessage(Send s) {
        if (s.error != null) {
            s.sentAgainAt(nextSequence.merge(s.to, 1L, Long::sum)); // a refused message sent again is a new one
        }
        s.attempts++;
        unacked.put(++sentCount, s);
        write("<message xmlns='jabber:client' type='chat' to='" + s.to + "' id='" + s.clientId + "'><body>#" + s.sequence
                + "</body><origin-id xmlns='" + SID + "' id='" + s.clientId + "'/></message>");
        write("<r xmlns='" + SM + "'/>");
    }

    private synchronized void received(long mine, Element e) {
        if (mine != generation) {
            return;
        }
        String name = e.getLocalName();
        if (SM.equals(e.getNamespaceURI())) {
            switch (name) {
                case "enabled" -> enabled(e.getAttribute("id"));
                case "resumed" -> resumed(Long.parseLong(e.getAttribute("h")));
                case "failed" -> ready.complete(false);
                case "r" -> write("<a xmlns='" + SM + "' h='" + handled + "'/>");
                case "a" -> acknowledged(Long.parseLong(e.getAttribute("h")));
                default -> {
                    // nothing else is expected
                }
            }
            return;
        }
        if (!counting) {
            handshake.add(e);
            return;
        }
        switch (name) {
            case "message" -> {
                handled++;
                message(e);
            }
            case "iq" -> {
                handled++;
                iq(e);
            }
            case "presence" -> handled++; // counted, not kept
            default -> {
                // stream-level: a stream error or <close/> (the link's end is seen by the listener)
            }
        }
    }

    /** A new session: counted from here; initial presence, then the messages the last session left unacknowledged. */
    private void enabled(String id) {
        session = id == null || id.isEmpty() ? null : id;
        counting = true;
        handled = 0;
        sentCount = 0;
        List<Send> again = new ArrayList<>(unacked.values());
        unacked.clear();
        sentCount++;
        write("<presence xmlns='jabber:client'/>");
        again.stream().filter(s -> !s.answered()).forEach(this::writeMessage);
        ready.complete(true);
    }

    /** The session goes on: the server handled {@code h} of our stanzas; the rest are sent again, in order. */
    private void resumed(long h) {
        counting = true;
        acknowledged(h);
        List<Send> again = new ArrayList<>(unacked.values());
        unacked.clear();
        sentCount = h;
        again.forEach(this::writeMessage);
        ready.complete(true);
    }

    private void acknowledged(long h) {
        var covered = unacked.headMap(h, true);
        for (Send s : covered.values()) {
            if (s.error == null) {
                s.status = "accepted";
            }
        }
        covered.clear();
    }

    private void message(Element e) {
        if ("error".equals(e.getAttribute("type"))) {
            Send s = sends.get(e.getAttribute("id"));
            if (s != null && !s.answered()) {
                Element error = child(e, "error", null);
                Element condition = error == null ? null : child(error, null, "urn:ietf:params:xml:ns:xmpp-stanzas");
                s.error = condition == null ? "error" : condition.getLocalName();
            }
        } else {
            Element body = child(e, "body", null);
            Matcher m = body == null ? null : SEQUENCE.matcher(body.getTextContent());
            if (m != null && m.find()) {
                Element stanzaId = child(e, "stanza-id", SID);
                String id = stanzaId != null ? stanzaId.getAttribute("id") : e.getAttribute("id");
                String from = e.getAttribute("from");
                got.add(new Got(id, from.contains("/") ? from.substring(0, from.indexOf('/')) : from, Long.parseLong(m.group(1)),
                        child(e, "delay", "urn:xmpp:delay") != null));
            }
        }
        write("<a xmlns='" + SM + "' h='" + handled + "'/>");
    }

    private void iq(Element e) {
        String type = e.getAttribute("type");
        if (!"get".equals(type) && !"set".equals(type)) {
            return;
        }
        sentCount++;
        String to = e.getAttribute("from");
        write("<iq xmlns='jabber:client' type='result' id='" + e.getAttribute("id") + "'" + (to.isEmpty() ? "" : " to='" + to + "'")
                + "/>");
    }

    private static Element child(Element parent, String name, String namespace) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && (name == null || name.equals(c.getLocalName())) && (namespace == null || namespace.equals(c.getNamespaceURI()))) {
                return c;
            }
        }
        return null;
    }

    private synchronized void closed(long mine) {
        if (mine != generation) {
            return;
        }
        loggedIn = false;
        counting = false;
        ready.complete(false);
    }

    private synchronized void write(String frame) {
        WebSocket ws = socket;
        lastWrite = lastWrite.handle((done, failure) -> null).thenCompose(ignored -> ws.sendText(frame, true));
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
    Map<String, String> receipts() {
        return Map.of();
    }

    /** XMPP has no server receipts: the sender learns nothing from the server beyond its {@code <a h/>}. */
    @Override
    boolean getsReceipts() {
        return false;
    }

    /** Nothing: the archive (XEP-0313) holds no delivery statuses. */
    @Override
    Map<String, String> history(String contact) {
        return new HashMap<>();
    }

    @Override
    synchronized int unanswered() {
        return (int) sends.values().stream().filter(s -> !s.answered()).count();
    }

    @Override
    synchronized void forget() {
        sends.entrySet().removeIf(e -> e.getValue().answered());
        got.clear();
        connectionsCounted = Math.max(1, connections);
    }

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

    private static Element parse(String frame) {
        try {
            return XML.newDocumentBuilder().parse(new InputSource(new StringReader(frame))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("not XML: " + frame, e);
        }
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
                received(mine, parse(text));
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
