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
 * peer, or to this ISP itself (another node, which may use {@code /federation/internal/*} only); on the
 * client ports {@code /federation/*} does not exist. Request bodies are bounded before
 * anything reads them. The port is the one the connection came in on, never the Host header.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class FederationGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FederationGuard.class.getName());

    /** The request attribute holding the authenticated peer's domain. */
    public static final String PEER = "universalim.federation.peer";
    /** The request attribute set when the caller is another node of this ISP. */
    public static final String NODE = "universalim.federation.node";
    /** Where the nodes of one ISP call each other. */
    public static final String INTERNAL = "/federation/internal/";
    /** A batch between nodes is bounded too (larger than a peer's: it may carry 200 rosters' worth of presence). */
    public static final long MAX_INTERNAL_BYTES = 8L * 1024 * 1024;

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
        boolean internalPath = path.startsWith(INTERNAL);
        if (peers.isOwnNode(chainOfPeer[0])) {
            // another node of this ISP: it may use the channel between nodes, and nothing else
            if (!internalPath) {
                refuse(response, 403, "forbidden", "a node of this ISP is not a peer");
                return;
            }
            if (request.getContentLengthLong() > MAX_INTERNAL_BYTES) {
                refuse(response, 413, "too_large", "a request body has at most " + MAX_INTERNAL_BYTES + " bytes");
                return;
            }
            request.setAttribute(NODE, Boolean.TRUE);
            chain.doFilter(new Bounded(request, MAX_INTERNAL_BYTES), response);
            return;
        }
        if (internalPath) {
            refuse(response, 403, "forbidden", "only the nodes of this ISP may call this");
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
        chain.doFilter(new Bounded(request, WireCodec.MAX_BYTES), response);
    }

    static void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/xml");
        response.getWriter().write(WireCodec.write(new FederationError(code, message)));
    }

    /** A request whose body stops with an error past the limit, whatever its declared length. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream bounded;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
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
                        if (read > limit) {
                            throw new IOException("request body over " + limit + " bytes");
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
