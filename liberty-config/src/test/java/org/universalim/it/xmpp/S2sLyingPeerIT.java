package org.universalim.it.xmpp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote servers that lie, on the s2s port with raw sockets (RFC 6120 13.7, 4.9.3.9): a server with a certificate of the
 * test CA for {@code isp-x.example} authenticates as that domain, then sends a stanza from another domain: the stream
 * ends with {@code invalid-from} and nothing of it is delivered; the same certificate with another domain in the stream
 * header gets no SASL EXTERNAL; and stanzas before authentication end the stream.
 */
class S2sLyingPeerIT {

    static final String STREAMS = "http://etherx.jabber.org/streams";
    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    /** A raw s2s connection of a server claiming {@code from}, presenting the certificate of {@code certificateDomain}. */
    private final class Raw implements AutoCloseable {
        Socket socket;
        InputStream in;
        OutputStream out;
        final StringBuilder seen = new StringBuilder();

        Raw() throws IOException {
            socket = new Socket("127.0.0.1", isp.s2sPort());
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String xml) throws IOException {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void header(String from) throws IOException {
            send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='" + STREAMS + "' from='" + from
                    + "' to='" + isp.universalDomain() + "' version='1.0'>");
        }

        /** Reads until {@code marker} came (or the connection closed); answers what came since the last call. */
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

        boolean closedByServer() throws IOException {
            try {
                return in.read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        /** STARTTLS with the certificate of {@code certificateDomain}. */
        void startTls(String from, String certificateDomain) throws IOException {
            header(from);
            assertThat(until("</stream:features>")).contains("starttls");
            send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            assertThat(until("<proceed")).contains("<proceed");
            until("/>");
            SSLSocket tls = (SSLSocket) FederationPki.context(certificateDomain).getSocketFactory()
                    .createSocket(socket, "127.0.0.1", isp.s2sPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            socket = tls;
            socket.setSoTimeout(10_000);
            in = tls.getInputStream();
            out = tls.getOutputStream();
            header(from);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aStanzaFromAnotherDomainThanTheAuthenticatedOneEndsTheStreamWithInvalidFrom() throws Exception {
        try (Raw peer = new Raw()) {
            peer.startTls("isp-x.example", "isp-x.example");
            assertThat(peer.until("</stream:features>")).contains("<mechanism>EXTERNAL</mechanism>");
            peer.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            assertThat(peer.until("success")).contains("<success");
            peer.header("isp-x.example");
            peer.until("features");
            peer.send("<message from='eve@isp-b-u.example' to='nobody@" + isp.universalDomain() + "' type='chat'><body>trust me</body></message>");
            String answer = peer.until("</stream:stream>");
            assertThat(answer).contains("<invalid-from xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"");
            assertThat(answer).doesNotContain("Exception");
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheClaimedDomainGetsNoSaslExternal() throws Exception {
        try (Raw peer = new Raw()) {
            peer.startTls("isp-b-u.example", "isp-x.example");
            String features = peer.until("</stream:features>");
            assertThat(features).contains("mechanisms").doesNotContain("EXTERNAL");
            peer.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            assertThat(peer.until("</stream:stream>")).contains("<not-authorized");
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void stanzasBeforeTlsAreRefused() throws Exception {
        try (Raw peer = new Raw()) {
            peer.header("isp-x.example");
            assertThat(peer.until("</stream:features>")).contains("<required/>");
            peer.send("<message from='eve@isp-x.example' to='nobody@" + isp.universalDomain() + "'><body>in the clear</body></message>");
            assertThat(peer.until("</stream:stream>")).contains("<not-authorized");
            assertThat(peer.closedByServer()).isTrue();
        }
    }
}
