package org.universalim.it.xmpp;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;

import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.List;

/**
 * Smack's TCP connection (the stock client of native apps) set up for the test servers: the host and port given
 * (no DNS), the XMPP domain the universal domain, the test CA trusted and the certificate checked against the
 * domain as Smack always does.
 */
final class TcpClients {

    private TcpClients() {
    }

    /** STARTTLS on the c2s port, TLS required by the client too. */
    static XMPPTCPConnection starttls(IspServer isp, String user, String password, String resource) {
        return new XMPPTCPConnection(builder(isp, user, password, resource).setPort(isp.c2sPort())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required).build());
    }

    /** A client that does not do TLS at all (as an old or misconfigured one would). */
    static XMPPTCPConnection withoutTls(IspServer isp, String user, String password, String resource) {
        return new XMPPTCPConnection(builder(isp, user, password, resource).setPort(isp.c2sPort())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled).build());
    }

    /**
     * Direct TLS on the c2s TLS port (XEP-0368). Smack 4.5's TCP connection does no direct TLS itself: its socket
     * factory makes TLS sockets (SNI and the certificate check for the XMPP domain, ALPN {@code xmpp-client}), so
     * the stream runs inside TLS from the first byte and no STARTTLS is offered.
     */
    static XMPPTCPConnection directTls(IspServer isp, String user, String password, String resource) {
        return new XMPPTCPConnection(builder(isp, user, password, resource).setPort(isp.c2sTlsPort())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setSocketFactory(new DirectTls(isp.universalDomain())).build());
    }

    private static XMPPTCPConnectionConfiguration.Builder builder(IspServer isp, String user, String password, String resource) {
        try {
            return XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(isp.universalDomain())
                    .setHostAddress(InetAddress.getByName("127.0.0.1"))
                    .setUsernameAndPassword(user, password)
                    .setResource(resource)
                    .setCustomX509TrustManager(testCa())
                    .setConnectTimeout(5000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects, logs in and loads the roster (Smack sends its initial presence after the roster). */
    static XMPPTCPConnection login(XMPPTCPConnection connection) throws Exception {
        connection.setReplyTimeout(10_000);
        Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.manual);
        connection.connect().login();
        Roster.getInstanceFor(connection).reloadAndWait();
        return connection;
    }

    static X509TrustManager testCa() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(FederationPki.truststore())) {
                trust.load(in, FederationPki.PASSWORD.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sockets that speak TLS from the start, for {@code domain}. */
    private static final class DirectTls extends SocketFactory {
        private final String domain;

        DirectTls(String domain) {
            this.domain = domain;
        }

        @Override
        public Socket createSocket() throws IOException {
            SSLSocket ssl = (SSLSocket) FederationPki.anonymousContext().getSocketFactory().createSocket();
            SSLParameters params = ssl.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(domain)));
            params.setApplicationProtocols(new String[] {"xmpp-client"});
            ssl.setSSLParameters(params);
            // the certificate must name the XMPP domain: checked once the handshake is done
            ssl.addHandshakeCompletedListener(event -> {
                try {
                    new TlsNames(event.getPeerCertificates()).require(domain);
                } catch (Exception e) {
                    try {
                        event.getSocket().close();
                    } catch (IOException ignored) {
                        // closed anyway
                    }
                }
            });
            return ssl;
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException();
        }
    }
}
