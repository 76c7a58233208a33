package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.Request;
import org.universalim.federation.wire.Wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The REST transport of the federation contract: {@code POST /federation/v1/{operation}} with the
 * operation's request element (and no other) as {@code application/xml}; the answer element comes back
 * with 200, a refusal as a {@code federationError} with 400, 403, 404, 405, 413, 415 or 500.
 * {@code GET /federation/v1/schema} serves the XSD. Only reachable through {@link FederationGuard} on the
 * federation port.
 */
@WebServlet(urlPatterns = "/federation/v1/*")
public class FederationRestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FederationRestServlet.class.getName());

    @EJB
    transient FederationInbound inbound;

    @EJB
    transient PeerDirectory peers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/schema".equals(request.getPathInfo())) {
            response.setContentType("application/xml");
            try (InputStream xsd = Wire.class.getClassLoader().getResourceAsStream(Wire.XSD)) {
                xsd.transferTo(response.getOutputStream());
            }
            return;
        }
        FederationGuard.refuse(response, 405, "method_not_allowed", "operations are POSTed");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        Operation op = Operation.byPath(path);
        if (op == null) {
            FederationGuard.refuse(response, 404, "unknown_operation", "no operation '" + path + "'");
            return;
        }
        if (!isXml(request.getContentType())) {
            FederationGuard.refuse(response, 415, "unsupported_media_type", "send application/xml");
            return;
        }
        Peer peer = peers.find((String) request.getAttribute(FederationGuard.PEER)).orElse(null);
        if (peer == null) {
            FederationGuard.refuse(response, 403, "unknown_peer", "not a configured peer");
            return;
        }
        byte[] body;
        try {
            body = readBody(request);
        } catch (IOException tooLarge) {
            FederationGuard.refuse(response, 413, "too_large", "a request body has at most " + WireCodec.MAX_BYTES + " bytes");
            return;
        }
        Request parsed;
        try {
            parsed = WireCodec.read(body, op.request());
        } catch (WireCodec.Refused e) {
            FederationGuard.refuse(response, 400, "invalid", e.getMessage());
            return;
        }
        try {
            Object answer = inbound.handle(peer, op, parsed);
            response.setStatus(200);
            response.setContentType("application/xml");
            response.getOutputStream().write(WireCodec.write(answer).getBytes(StandardCharsets.UTF_8));
        } catch (FederationRefusal e) {
            FederationGuard.refuse(response, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "federation: " + op.path() + " from " + peer.domain() + " failed, incident " + incident, e);
            FederationGuard.refuse(response, 500, "internal_error", "the request could not be handled (incident " + incident + ")");
        }
    }

    /** {@code application/xml} or {@code text/xml}, with parameters such as the charset. */
    static boolean isXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
        return media.equals("application/xml") || media.equals("text/xml");
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > WireCodec.MAX_BYTES) {
                    throw new IOException("too large");
                }
            }
            return out.toByteArray();
        }
    }
}
