package org.universalim.it.xmpp;

import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;
import org.universalim.it.ScramClient;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XMPP over TCP by hand (RFC 6120), on a plain socket: sends bytes as written, keeps every byte the server sent, so a
 * test sees exactly what a client would; upgrades to TLS with STARTTLS, or opens with direct TLS (XEP-0368), trusting
 * the test CA and checking the certificate names the XMPP domain. Reads on the test's thread, never in the background.
 */
final class RawTcpXmpp implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final Pattern CHALLENGE = Pattern.compile("<challenge[^>]*>([^<]*)</challenge>");

    private final IspServer isp;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int seen;
    private boolean ended;

    private RawTcpXmpp(IspServer isp, Socket socket) throws IOException {
        this.isp = isp;
        use(socket);
    }

    /** A plain connection to the STARTTLS port. */
    static RawTcpXmpp plain(IspServer isp) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", isp.c2sPort()), 5000);
            return new RawTcpXmpp(isp, s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + isp.c2sPort(), e);
        }
    }

    /** A connection to the direct TLS port, the handshake done. */
    static RawTcpXmpp directTls(IspServer isp) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", isp.c2sTlsPort()), 5000);
            RawTcpXmpp c = new RawTcpXmpp(isp, s);
            c.use(handshake(isp, s));
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + isp.c2sTlsPort(), e);
        }
    }

    /** TLS over {@code plain}, verifying the server's certificate for the XMPP domain, as a client must (RFC 6120 13.7.2). */
    static SSLSocket handshake(IspServer isp, Socket plain) throws IOException {
        SSLSocket ssl = (SSLSocket) FederationPki.anonymousContext().getSocketFactory()
                .createSocket(plain, isp.universalDomain(), plain.getPort(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(isp.universalDomain())));
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setApplicationProtocols(new String[] {"xmpp-client"});
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) WAIT.toMillis());
        ssl.startHandshake();
        return ssl;
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(100);
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    void send(String xml) {
        sendBytes(xml.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the stream to the ISP's universal domain: the server's header and features, as text. */
    String open() {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='"
                + isp.universalDomain() + "' version='1.0'>");
        return await("</stream:features>");
    }

    /** STARTTLS on an opened plain stream; the server's certificate once the handshake is done. */
    X509Certificate startTls() {
        send("<starttls xmlns='" + TLS + "'/>");
        String proceed = await("/>");
        if (!proceed.contains("<proceed")) {
            throw new AssertionError("no <proceed/>: " + proceed);
        }
        try {
            SSLSocket ssl = handshake(isp, socket);
            use(ssl);
            return (X509Certificate) ssl.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SCRAM-SHA-256 on an opened stream: the server's last answer, {@code <success/>} or {@code <failure/>}. */
    String scram(String user, String password) {
        return scram(ScramClient.MECHANISM, new ScramClient(user, password));
    }

    /** A SCRAM-SHA-256 exchange of {@code scram} (another GS2 header, channel binding) under {@code mechanism}'s name. */
    String scram(String mechanism, ScramClient scram) {
        send("<auth xmlns='" + SASL + "' mechanism='" + mechanism + "'>" + ScramClient.base64(scram.clientFirst()) + "</auth>");
        String answer = awaitAny("</challenge>", "</failure>");
        Matcher m = CHALLENGE.matcher(answer);
        if (!m.find()) {
            return answer;
        }
        send("<response xmlns='" + SASL + "'>" + ScramClient.base64(scram.clientFinal(ScramClient.unbase64(m.group(1)))) + "</response>");
        return awaitAny("</success>", "<success xmlns='" + SASL + "'/>", "<success xmlns=\"" + SASL + "\"/>", "</failure>");
    }

    /** Logs in on a TLS stream (SCRAM, restart, bind): the bound JID's answer. */
    String logIn(String user, String password, String resource) {
        String outcome = scram(user, password);
        if (!outcome.contains("<success")) {
            throw new AssertionError("log-in refused: " + outcome);
        }
        open();
        send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource + "</resource></bind></iq>");
        return await("</iq>");
    }

    /** Everything received since the last {@code await}, up to and including {@code needle}, waiting for it. */
    String await(String needle) {
        return awaitAny(needle);
    }

    String awaitAny(String... needles) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String text = received.toString(StandardCharsets.UTF_8);
            String rest = text.substring(Math.min(seen, text.length()));
            int best = -1;
            String found = null;
            for (String needle : needles) {
                int at = rest.indexOf(needle);
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                    found = needle;
                }
            }
            if (found != null) {
                seen += best + found.length();
                return rest.substring(0, best + found.length());
            }
            if (ended || System.nanoTime() > deadline) {
                throw new AssertionError("none of " + List.of(needles) + " received; got: " + rest + (ended ? " (closed)" : ""));
            }
            readSome();
        }
    }

    /** The server's certificate on a TLS connection. */
    X509Certificate certificate() {
        try {
            return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sent so far. */
    String all() {
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server closes the connection within {@code wait} (reading what it still sends). */
    boolean awaitClosed(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            readSome();
        }
        return ended;
    }

    private void readSome() {
        byte[] buffer = new byte[8192];
        try {
            int n = in.read(buffer);
            if (n < 0) {
                ended = true;
            } else {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException nothingYet) {
            // read again
        } catch (IOException reset) {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
