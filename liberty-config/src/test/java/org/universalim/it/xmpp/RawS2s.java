package org.universalim.it.xmpp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A raw server-to-server XMPP connection for the tests, as a remote server would open it: bytes written and read as they are. */
final class RawS2s implements AutoCloseable {

    static final String STREAMS = "http://etherx.jabber.org/streams";

    private final int port;
    private final String to;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder seen = new StringBuilder();

    /** Connects to {@code port} on loopback, to speak to the server of {@code to}. */
    RawS2s(int port, String to) throws IOException {
        this.port = port;
        this.to = to;
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Waits until the server's s2s port takes connections (it is bound while the application starts). */
    static void awaitListening(int port) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void header(String from) throws IOException {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='" + STREAMS
                + "' xmlns:db='jabber:server:dialback' from='" + from + "' to='" + to + "' version='1.0'>");
    }

    /** Reads until {@code marker} came (or the connection closed, or 10 s passed); answers what came since the last call. */
    String until(String marker) throws IOException {
        int start = seen.length();
        byte[] buffer = new byte[4096];
        while (seen.indexOf(marker, start) < 0) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.substring(start);
    }

    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** STARTTLS with the given context (its client certificate, if any), then the stream header again. */
    void startTls(String from, SSLContext tls) throws IOException {
        header(from);
        assertThat(until("</stream:features>")).contains("starttls");
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(until("xmpp-tls'/>")).contains("<proceed");
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", port, true);
        secure.setUseClientMode(true);
        secure.startHandshake();
        socket = secure;
        socket.setSoTimeout(10_000);
        in = secure.getInputStream();
        out = secure.getOutputStream();
        header(from);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
