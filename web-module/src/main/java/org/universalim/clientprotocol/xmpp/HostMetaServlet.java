package org.universalim.clientprotocol.xmpp;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.platform.security.ClientOrigins;
import org.universalim.routing.control.UniversalMessageFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * XEP-0156 discovery of the XMPP WebSocket endpoint: {@code /.well-known/host-meta} (XRD) and
 * {@code /.well-known/host-meta.json} (JRD). The link is built from the address the client used.
 */
@WebServlet(urlPatterns = {"/.well-known/host-meta", "/.well-known/host-meta.json"})
public class HostMetaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String REL = "urn:xmpp:alt-connections:websocket";

    /** TLS as the client has it: ours, or a trusted proxy's ({@code X-Forwarded-Proto}); never the client's word. */
    @Inject
    ClientOrigins origins;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String href = websocketUrl(request, origins.of(request).secure());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Cache-Control", "max-age=3600");
        if (request.getRequestURI().endsWith(".json")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"links\":[{\"rel\":\"" + REL + "\",\"href\":\"" + href.replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\"}]}");
        } else {
            response.setContentType("application/xrd+xml");
            response.getWriter().write("<?xml version='1.0' encoding='utf-8'?>\n"
                    + "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n"
                    + "  <Link rel='" + REL + "' href='" + UniversalMessageFormat.escape(href) + "'/>\n"
                    + "</XRD>\n");
        }
    }

    static String websocketUrl(HttpServletRequest request, boolean secure) {
        String scheme = secure ? "wss" : "ws";
        String host = request.getServerName();
        int port = request.getServerPort();
        // TLS that ended at a trusted proxy: a Host header without a port means the client's default one (443)
        String hostHeader = request.getHeader("Host");
        boolean proxiedTls = secure && !request.isSecure();
        boolean noPortGiven = hostHeader != null && hostHeader.lastIndexOf(':') <= hostHeader.lastIndexOf(']');
        boolean defaultPort = proxiedTls && noPortGiven || (secure ? port == 443 : port == 80);
        String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + authority + (defaultPort ? "" : ":" + port) + request.getContextPath() + "/xmpp-websocket";
    }
}
