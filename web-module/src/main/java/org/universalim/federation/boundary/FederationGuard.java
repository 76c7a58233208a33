package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.FederationError;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps federation and clients apart and lets only known peers in: on the federation port (mutual TLS)
 * only {@code /federation/*} is served, and only to a client certificate that belongs to a configured
 * peer; on the client ports {@code /federation/*} does not exist. Request bodies are bounded before
 * anything reads them. The port is the one the connection came in on, never the Host header.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class FederationGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FederationGuard.class.getName());

    /** The request attribute holding the authenticated peer's domain. */
    public static final String PEER = "universalim.federation.peer";

    @Inject
    transient FederationSettings settings;

    @EJB
    transient PeerDirectory peers;

    @EJB
    transient FederationSender sender;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean federationPort = request.getLocalPort() == settings.port();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean federationPath = path.equals("/federation") || path.startsWith("/federation/");
        if (federationPort != federationPath) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!federationPort) {
            chain.doFilter(request, response);
            return;
        }
        X509Certificate[] chainOfPeer = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chainOfPeer == null || chainOfPeer.length == 0) {
            refuse(response, 401, "unauthenticated", "a client certificate is required");
            return;
        }
        Optional<Peer> peer = peers.authenticate(chainOfPeer[0]);
        if (peer.isEmpty()) {
            LOG.warning(() -> "federation: refused a certificate that is no configured peer's: "
                    + chainOfPeer[0].getSubjectX500Principal());
            refuse(response, 403, "unknown_peer", "this certificate is not a configured peer's");
            return;
        }
        long length = request.getContentLengthLong();
        if (length > WireCodec.MAX_BYTES) {
            refuse(response, 413, "too_large", "a request body has at most " + WireCodec.MAX_BYTES + " bytes");
            return;
        }
        request.setAttribute(PEER, peer.get().domain());
        if (!peers.reachable(peer.get().domain())) {
            // it just called us: it is up again, so what waits for it need not wait for its back-off
            sender.peerIsUp(peer.get().domain());
        }
        chain.doFilter(new Bounded(request), response);
    }

    static void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/xml");
        response.getWriter().write(WireCodec.write(new FederationError(code, message)));
    }

    /** A request whose body stops with an error past the limit, whatever its declared length. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private ServletInputStream bounded;

        Bounded(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                ServletInputStream in = super.getInputStream();
                bounded = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > WireCodec.MAX_BYTES) {
                            throw new IOException("request body over " + WireCodec.MAX_BYTES + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return bounded;
        }
    }
}
