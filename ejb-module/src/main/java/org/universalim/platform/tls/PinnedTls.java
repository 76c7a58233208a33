package org.universalim.platform.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A TLS context that talks only to a server whose certificate has a given SHA-256 fingerprint (a pinned
 * peer): on top of the usual checks of the context it wraps (trusted CA, host name), each connection
 * compares the server's certificate with the pin once the handshake is done and before a single byte of
 * application data is written; a connection to any other certificate fails as a handshake failure.
 * (Longer than our usual class: most of it is the plain delegation of every method of {@link SSLEngine}, which
 * the JDK's HttpClient needs for the check to sit between it and the engine.)
 */
public final class PinnedTls {

    /** The words every refusal's message has (callers tell a wrong certificate from an unreachable peer by them). */
    public static final String NOT_PINNED = "is not the pinned certificate";

    private PinnedTls() {
    }

    /** {@code context} with the pin checked on every client connection; {@code sha256} is 64 hex digits. */
    public static SSLContext pinned(SSLContext context, String sha256) {
        String pin = sha256.replace(":", "").toLowerCase(Locale.ROOT);
        return new SSLContext(new Spi(context, pin), context.getProvider(), context.getProtocol()) {
        };
    }

    /** The SHA-256 fingerprint of a certificate, as 64 lower-case hex digits. */
    public static String sha256(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return "";
        }
    }

    /** The server presented another certificate than the pinned one. */
    public static final class Mismatch extends SSLHandshakeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String host) {
            super("the certificate of " + host + " " + NOT_PINNED);
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final String pin;

        Spi(SSLContext delegate, String pin) {
            this.delegate = delegate;
            this.pin = pin;
        }

        @Override
        protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm, SecureRandom sr)
                throws KeyManagementException {
            throw new KeyManagementException("a pinned context is initialised already");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException("pinned connections are made with SSLEngine (the JDK's HttpClient)");
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("a pinned context is for clients");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new Engine(delegate.createSSLEngine(), pin);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new Engine(delegate.createSSLEngine(host, port), pin);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return delegate.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    /** The wrapped context's engine, checking the pin before the first application byte goes out or comes in. */
    private static final class Engine extends SSLEngine {
        private final SSLEngine delegate;
        private final String pin;
        private volatile boolean checked;

        Engine(SSLEngine delegate, String pin) {
            super(delegate.getPeerHost(), delegate.getPeerPort());
            this.delegate = delegate;
            this.pin = pin;
        }

        /** Once the handshake is done, the server's certificate must be the pinned one. */
        private void check() throws SSLException {
            if (checked || delegate.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                return;
            }
            Certificate[] chain;
            try {
                chain = delegate.getSession().getPeerCertificates();
            } catch (SSLPeerUnverifiedException notYet) {
                return; // the handshake has not begun
            }
            if (chain.length == 0 || !pin.equals(sha256(chain[0]))) {
                delegate.closeOutbound();
                throw new Mismatch(String.valueOf(getPeerHost()));
            }
            checked = true;
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
            check();
            return delegate.wrap(srcs, offset, length, dst);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
            check();
            SSLEngineResult result = delegate.unwrap(src, dsts, offset, length);
            if (!checked && result.bytesProduced() > 0) {
                check(); // application data arrived with the end of the handshake: not handed on unchecked
            }
            return result;
        }

        @Override
        public Runnable getDelegatedTask() {
            return delegate.getDelegatedTask();
        }

        @Override
        public void closeInbound() throws SSLException {
            delegate.closeInbound();
        }

        @Override
        public boolean isInboundDone() {
            return delegate.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            delegate.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            return delegate.isOutboundDone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return delegate.getEnabledCipherSuites();
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
            delegate.setEnabledCipherSuites(suites);
        }

        @Override
        public String[] getSupportedProtocols() {
            return delegate.getSupportedProtocols();
        }

        @Override
        public String[] getEnabledProtocols() {
            return delegate.getEnabledProtocols();
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
            delegate.setEnabledProtocols(protocols);
        }

        @Override
        public SSLSession getSession() {
            return delegate.getSession();
        }

        @Override
        public SSLSession getHandshakeSession() {
            return delegate.getHandshakeSession();
        }

        @Override
        public void beginHandshake() throws SSLException {
            delegate.beginHandshake();
        }

        @Override
        public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
            return delegate.getHandshakeStatus();
        }

        @Override
        public void setUseClientMode(boolean mode) {
            delegate.setUseClientMode(mode);
        }

        @Override
        public boolean getUseClientMode() {
            return delegate.getUseClientMode();
        }

        @Override
        public void setNeedClientAuth(boolean need) {
            delegate.setNeedClientAuth(need);
        }

        @Override
        public boolean getNeedClientAuth() {
            return delegate.getNeedClientAuth();
        }

        @Override
        public void setWantClientAuth(boolean want) {
            delegate.setWantClientAuth(want);
        }

        @Override
        public boolean getWantClientAuth() {
            return delegate.getWantClientAuth();
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
            delegate.setEnableSessionCreation(flag);
        }

        @Override
        public boolean getEnableSessionCreation() {
            return delegate.getEnableSessionCreation();
        }

        @Override
        public SSLParameters getSSLParameters() {
            return delegate.getSSLParameters();
        }

        @Override
        public void setSSLParameters(SSLParameters params) {
            delegate.setSSLParameters(params);
        }

        @Override
        public String getApplicationProtocol() {
            return delegate.getApplicationProtocol();
        }

        @Override
        public String getHandshakeApplicationProtocol() {
            return delegate.getHandshakeApplicationProtocol();
        }

        @Override
        public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
            delegate.setHandshakeApplicationProtocolSelector(selector);
        }

        @Override
        public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
            return delegate.getHandshakeApplicationProtocolSelector();
        }
    }
}
