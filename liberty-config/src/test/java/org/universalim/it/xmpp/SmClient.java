package org.universalim.it.xmpp;

import org.universalim.it.IspServer;
import org.universalim.it.ScramClient;
import org.universalim.it.Users;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An XMPP client over WebSocket (RFC 7395) written on a plain TCP socket, for stream management (XEP-0198)
 * tests: it keeps every frame the server sent, counts the stanzas received since {@code <enabled/>} as a client's
 * 'h' would, and can cut its link as a dead network does: a TCP reset, without a WebSocket close or an XMPP
 * {@code <close/>}.
 */
final class SmClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    static final String SM = "urn:xmpp:sm:3";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<String> frames = new ArrayList<>();
    private final IspServer isp;
    private int seen;
    private int countFrom = -1;
    private int countOffset;
    private boolean ended;

    private SmClient(IspServer isp) throws IOException {
        this.isp = isp;
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", isp.httpPort()), 5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        out.write(("GET /xmpp-websocket HTTP/1.1\r\nHost: 127.0.0.1:" + isp.httpPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: xmpp\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        Thread reader = new Thread(this::read, "sm-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SmClient connect(IspServer isp) {
        try {
            return new SmClient(isp);
        } catch (IOException e) {
            throw new IllegalStateException("no WebSocket to " + isp + ": " + e, e);
        }
    }

    /** Opened, authenticated (SCRAM) and restarted: the stream features after log-in, no resource bound yet. */
    static SmClient authenticated(IspServer isp, String user) {
        SmClient c = connect(isp);
        c.open();
        ScramClient scram = new ScramClient(user, Users.PASSWORD);
        c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + ScramClient.MECHANISM + "'>"
                + ScramClient.base64(scram.clientFirst()) + "</auth>");
        String challenge = c.next(f -> f.startsWith("<challenge"));
        String serverFirst = ScramClient.unbase64(challenge.replaceAll("<[^>]*>", ""));
        c.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + ScramClient.base64(scram.clientFinal(serverFirst))
                + "</response>");
        c.next(f -> f.startsWith("<success"));
        c.open();
        return c;
    }

    /** Authenticated with {@code resource} bound. */
    static SmClient bound(IspServer isp, String user, String resource) {
        SmClient c = authenticated(isp, user);
        c.send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        c.next(f -> f.contains("id=\"bind1\""));
        return c;
    }

    /** Sends the stream header; the server's stream features. */
    String open() {
        send("<open xmlns='" + FRAMING + "' to='" + isp.universalDomain() + "' version='1.0'/>");
        next(f -> f.startsWith("<open"));
        return next(f -> f.contains("<stream:features"));
    }

    /** {@code <enable/>} with these attributes: the server's answer; stanzas are counted from an {@code <enabled/>}. */
    String enable(String attributes) {
        send("<enable xmlns='" + SM + "' " + attributes + "/>");
        String answer = next(f -> f.startsWith("<enabled") || f.startsWith("<failed"));
        if (answer.startsWith("<enabled")) {
            startCounting();
        }
        return answer;
    }

    /** Initial presence, and a ping answered, so that what the presence brought has arrived. */
    void available() {
        send("<presence xmlns='jabber:client'/>");
        roundTrip();
    }

    /** A ping to the server, waiting for its answer: every frame the server sent before it has arrived. */
    void roundTrip() {
        String id = "ping-" + RANDOM.nextInt(1_000_000);
        send("<iq xmlns='jabber:client' type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        next(f -> f.startsWith("<iq") && f.contains("id=\"" + id + "\""));
    }

    synchronized void startCounting() {
        startCounting(0);
    }

    /** Counts from here on, starting at {@code from} (a resumed stream goes on from the 'h' of the one it resumes). */
    synchronized void startCounting(int from) {
        countFrom = seen;
        countOffset = from;
    }

    /** The stanzas received since counting started, as a client's 'h' counts them. */
    synchronized int handled() {
        int h = countOffset;
        for (int i = Math.max(countFrom, 0); i < frames.size(); i++) {
            if (isStanza(frames.get(i))) {
                h++;
            }
        }
        return h;
    }

    /** The stanzas received since counting started up to (not including) the first frame matching. */
    synchronized int handledBefore(Predicate<String> frame) {
        int h = countOffset;
        for (int i = Math.max(countFrom, 0); i < frames.size() && !frame.test(frames.get(i)); i++) {
            if (isStanza(frames.get(i))) {
                h++;
            }
        }
        return h;
    }

    static boolean isStanza(String frame) {
        return frame.startsWith("<message") || frame.startsWith("<presence") || frame.startsWith("<iq");
    }

    /** Acknowledges every stanza received so far. */
    void ack() {
        send("<a xmlns='" + SM + "' h='" + handled() + "'/>");
    }

    void send(String frame) {
        byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x81);
        if (payload.length < 126) {
            bytes.write(0x80 | payload.length);
        } else {
            bytes.write(0x80 | 126);
            bytes.write(payload.length >>> 8);
            bytes.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        bytes.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            bytes.write(payload[i] ^ mask[i % 4]);
        }
        try {
            synchronized (out) {
                out.write(bytes.toByteArray());
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("send failed: " + e, e);
        }
    }

    /** The next frame not yet returned that matches, waiting for it. */
    synchronized String next(Predicate<String> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (int i = seen; i < frames.size(); i++) {
                if (condition.test(frames.get(i))) {
                    seen = i + 1;
                    return frames.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("no matching frame; received: " + frames.subList(Math.min(seen, frames.size()), frames.size())
                        + (ended ? " (connection ended)" : ""));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until some frame received (earlier ones too) matches; that frame. */
    synchronized String await(Predicate<String> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (String f : frames) {
                if (condition.test(f)) {
                    return f;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("no matching frame; received: " + frames + (ended ? " (connection ended)" : ""));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    /** The frames matching, among all received. */
    synchronized List<String> frames(Predicate<String> condition) {
        return frames.stream().filter(condition).toList();
    }

    /** Waits until the server ended the connection. */
    synchronized void awaitEnd() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the server did not end the connection; frames: " + frames);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The link dies: a TCP reset, no WebSocket close, no {@code <close/>}. */
    void cut() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }

    /** Ends the stream as a client that leaves cleanly: {@code <close/>}, then the socket. */
    @Override
    public void close() {
        if (!socket.isClosed()) {
            try {
                send("<close xmlns='" + FRAMING + "'/>");
            } catch (RuntimeException ignored) {
                // the server has gone already
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static String attribute(String frame, String name) {
        return RawXmppClient.attribute(frame, name);
    }

    private void read() {
        try {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    break;
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    message.writeBytes(payload);
                    if ((first & 0x80) != 0) {
                        add(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                }
            }
        } catch (IOException e) {
            // the connection ended
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    private synchronized void add(String frame) {
        frames.add(frame);
        notifyAll();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
