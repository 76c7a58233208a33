package org.universalim.clientprotocol.xmpp.s2s;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * TLS between servers: 1.3 and 1.2 only; as the receiving server our certificate, with the remote server's asked for
 * (not required: one without gets dialback) and checked against the trust store in the handshake; as the initiating
 * server SNI and the certificate checked against the remote domain; then whether the certificate names a domain
 * ({@link CertificateNames}).
 */
final class S2sTls {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private S2sTls() {
    }

    /** The receiving side, after {@code <proceed/>} (the handler lets that one write pass in the clear). */
    static SslHandler server(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(protocols(engine));
        params.setWantClientAuth(true);
        engine.setSSLParameters(params);
        return new SslHandler(engine, true);
    }

    /** The initiating side, for {@code domain}: its certificate must name it (RFC 6125, endpoint identification). */
    static SslHandler client(SSLContext context, String domain, int port) {
        SSLEngine engine = context.createSSLEngine(domain, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(protocols(engine));
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setServerNames(List.of(new SNIHostName(domain)));
        engine.setSSLParameters(params);
        return new SslHandler(engine);
    }

    /** Whether the other side showed a certificate (verified in the handshake) that names {@code domain}. */
    static boolean peerNamed(ChannelPipeline pipeline, String domain) {
        SslHandler tls = pipeline.get(SslHandler.class);
        if (tls == null) {
            return false;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf && CertificateNames.names(leaf, domain);
        } catch (SSLPeerUnverifiedException e) {
            return false; // no certificate
        }
    }

    private static String[] protocols(SSLEngine engine) {
        return Arrays.stream(engine.getSupportedProtocols()).filter(PROTOCOLS::contains).toArray(String[]::new);
    }
}
