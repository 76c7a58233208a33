package org.universalim.it.xmpp;

import org.universalim.it.FederationPki;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authoritative server of a domain for Server Dialback tests (XEP-0220 2.3), raw: it takes connections on loopback,
 * requires STARTTLS (its certificate, of the test CA, names its domain), offers dialback only, and answers each
 * {@code db:verify} valid when the key is one it was told is its own.
 */
final class AuthoritativeServer implements AutoCloseable {

    private static final Pattern VERIFY = Pattern.compile("<db:verify[^>]*\\sid=[\"']([^\"']*)[\"'][^>]*>([^<]*)</db:verify>");

    private final String domain;
    private final javax.net.ssl.SSLContext context;
    private final ServerSocket server;
    private final Set<String> keys = new CopyOnWriteArraySet<>();
    /** The keys it was asked about. */
    final Set<String> asked = new CopyOnWriteArraySet<>();

    AuthoritativeServer(String domain, int port) throws IOException {
        this.domain = domain;
        // made now: the certificate is issued on first use (keytool), which may take longer than a handshake may wait
        this.context = FederationPki.context(domain);
        this.server = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "authoritative-" + domain);
        t.setDaemon(true);
        t.start();
    }

    /** A key this server says it made. */
    void owns(String key) {
        keys.add(key);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                answer(s);
            } catch (IOException | RuntimeException e) {
                // one connection failed, or closed: the next
            }
        }
    }

    private void answer(Socket plain) throws IOException {
        StringBuilder in = new StringBuilder();
        read(plain.getInputStream(), in, "<stream:stream", ">");
        write(plain.getOutputStream(), header() + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
                + "</starttls></stream:features>");
        read(plain.getInputStream(), in, "<starttls", "/>");
        write(plain.getOutputStream(), "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        StringBuilder secure = new StringBuilder();
        read(tls.getInputStream(), secure, "<stream:stream", ">");
        write(tls.getOutputStream(), header() + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
        read(tls.getInputStream(), secure, "<db:verify", "</db:verify>");
        Matcher m = VERIFY.matcher(secure);
        if (!m.find()) {
            return;
        }
        String key = m.group(2).strip();
        asked.add(key);
        write(tls.getOutputStream(), "<db:verify from='" + domain + "' to='" + fromOf(secure) + "' id='" + m.group(1) + "' type='"
                + (keys.contains(key) ? "valid" : "invalid") + "'/>");
        read(tls.getInputStream(), secure, "</stream:stream>", ">");
    }

    private static String fromOf(CharSequence stream) {
        Matcher m = Pattern.compile("<db:verify[^>]*\\sfrom=[\"']([^\"']*)[\"']").matcher(stream);
        return m.find() ? m.group(1) : "";
    }

    private String header() {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' "
                + "xmlns:db='jabber:server:dialback' from='" + domain + "' id='auth-" + System.nanoTime() + "' version='1.0'>";
    }

    /** Reads until {@code first} and then {@code then} after it came. */
    private static void read(InputStream in, StringBuilder seen, String first, String then) throws IOException {
        int from = seen.length();
        byte[] buffer = new byte[4096];
        while (true) {
            int at = seen.indexOf(first, from);
            if (at >= 0 && seen.indexOf(then, at + first.length()) >= 0) {
                return;
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("closed");
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
    }

    private static void write(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
