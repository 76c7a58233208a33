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

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps federation and clients apart and lets only known peers in: on the federation port (mutual TLS)
 * only {@code /federation/v1/*} (REST) and {@code /federation/soap} (SOAP, through {@link SoapGate}) are
 * served, spelt canonically, and only to a client certificate that belongs to a configured peer, or to
 * this ISP itself (another node, which may use {@code /federation/internal/*} only); on the client ports
 * no spelling of {@code /federation} exists ({@link FederationPaths}). Request bodies are bounded before
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
    public static final String INTERNAL = FederationPaths.INTERNAL;
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
        FederationPaths.RequestPath path = new FederationPaths.RequestPath(
                request.getRequestURI().substring(request.getContextPath().length()),
                request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
        if (!federationPort) {
            if (path.federation()) {
                // however it is spelt, no federation path exists on the client ports
                FederationErrors.client(response, 404, "not_found", "there is nothing at this address");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        boolean soap = path.soap();
        if (!path.federation()) {
            refuse(response, soap, 404, "unknown_operation", "the federation port serves the federation only");
            return;
        }
        if (!path.canonical()) {
            refuse(response, soap, 400, "invalid", "the path must be sent in its canonical form (no escapes, dot segments, "
                    + "parameters or doubled slashes)");
            return;
        }
        if (!path.served()) {
            refuse(response, soap, 404, "unknown_operation", "the federation port serves " + FederationPaths.REST + "{operation}, "
                    + FederationPaths.SOAP + " and nothing else");
            return;
        }
        X509Certificate[] chainOfPeer = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chainOfPeer == null || chainOfPeer.length == 0) {
            refuse(response, soap, 401, "unauthenticated", "a client certificate is required");
            return;
        }
        if (peers.isOwnNode(chainOfPeer[0])) {
            // another node of this ISP: it may use the channel between nodes, and nothing else
            if (!path.internal()) {
                refuse(response, soap, 403, "forbidden", "a node of this ISP is not a peer");
                return;
            }
            if (request.getContentLengthLong() > MAX_INTERNAL_BYTES) {
                refuse(response, false, 413, "too_large", "a request body has at most " + MAX_INTERNAL_BYTES + " bytes");
                return;
            }
            request.setAttribute(NODE, Boolean.TRUE);
            chain.doFilter(new Bounded(request, MAX_INTERNAL_BYTES), response);
            return;
        }
        if (path.internal()) {
            refuse(response, false, 403, "forbidden", "only the nodes of this ISP may call this");
            return;
        }
        Optional<Peer> peer = peers.authenticate(chainOfPeer[0]);
        if (peer.isEmpty()) {
            LOG.log(Level.WARNING, "federation: refused a certificate that is no configured peer''s: {0} from {1}",
                    new Object[] {chainOfPeer[0].getSubjectX500Principal(), request.getRemoteAddr()});
            refuse(response, soap, 403, "unknown_peer", "this certificate is not a configured peer's");
            return;
        }
        if (request.getContentLengthLong() > WireCodec.MAX_BYTES) {
            refuse(response, soap, 413, "too_large", "a request body has at most " + WireCodec.MAX_BYTES + " bytes");
            return;
        }
        request.setAttribute(PEER, peer.get().domain());
        if (!peers.reachable(peer.get().domain())) {
            // it just called us: it is up again, so what waits for it need not wait for its back-off
            sender.peerIsUp(peer.get().domain());
        }
        HttpServletRequest bounded = new Bounded(request, WireCodec.MAX_BYTES);
        if (soap) {
            SoapGate.pass(bounded, response, chain, peer.get().domain());
        } else {
            chain.doFilter(bounded, response);
        }
    }

    /** Refuses in the shape of the transport: a SOAP fault on the SOAP endpoint, a {@code federationError} elsewhere. */
    private static void refuse(HttpServletResponse response, boolean soap, int status, String code, String message)
            throws IOException {
        if (soap) {
            FederationErrors.soap(response, status, status >= 500 ? "Server" : "Client", code, message);
        } else {
            FederationErrors.rest(response, status, code, message);
        }
    }

    /** A {@code federationError} body (REST). */
    static void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        FederationErrors.rest(response, status, code, message);
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
