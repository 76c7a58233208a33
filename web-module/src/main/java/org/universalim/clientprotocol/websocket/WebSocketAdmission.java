package org.universalim.clientprotocol.websocket;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.platform.security.ClientOrigins;

import org.universalim.clientprotocol.connection.ConnectionWatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The door of the client WebSocket endpoints: an upgrade from a browser page of an origin that may not use the
 * sockets (not the server's own, not in {@code ws.allowed.origins}) is refused with HTTP 403 before the handshake
 * (a browser shows that at once; a socket accepted and then closed looks like a connection that never comes); a
 * client address that already holds its share of connections
 * not logged in ({@code ws.unauthenticated.per.address}) is refused before the upgrade with HTTP 429 and a
 * {@code Retry-After}; an admitted upgrade carries the connection's address (the container's remote address,
 * or the client's as a declared trusted proxy forwards it; never a header of the client's own) to the endpoint, which counts it until it logs in or closes.
 */
@WebFilter(urlPatterns = {"/ws/local", "/xmpp-websocket"}, asyncSupported = true)
public class WebSocketAdmission extends HttpFilter {

    /** The request header that carries the client's address to the endpoint's configurator. */
    public static final String ADDRESS_HEADER = "X-Universalim-Client-Address";
    /** Seconds a refused client is told to wait. */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final long serialVersionUID = 1L;

    @Inject
    transient ConnectionWatch watch;

    @Inject
    transient ClientOrigins origins;

    @Inject
    transient WebSocketSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the container's remote address, or the client's behind a declared trusted proxy (trusted.proxies)
        String address = origins.of(request).address();
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(new WithAddress(request, address), response);
            return;
        }
        if (!settings.originAllowed(request.getHeader("Origin"), request.getHeader("Host"))) {
            refuseOrigin(response);
            return;
        }
        if (!watch.hasRoom(address)) {
            refuse(response);
            return;
        }
        chain.doFilter(new WithAddress(request, address), response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.createObjectBuilder().add("status", 429).add("error", "too_many_connections")
                .add("message", "too many connections from this address are not logged in; log in on one of them, "
                        + "or try again in " + RETRY_AFTER_SECONDS + " s")
                .add("fieldErrors", Json.createArrayBuilder()).build().toString());
    }

    private static void refuseOrigin(HttpServletResponse response) throws IOException {
        response.setStatus(403);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.createObjectBuilder().add("status", 403).add("error", "origin_not_allowed")
                .add("message", "pages of this origin may not open this server's sockets")
                .add("fieldErrors", Json.createArrayBuilder()).build().toString());
    }

    /** The request with the connection's address as a header (replacing any header of that name the client sent). */
    static final class WithAddress extends HttpServletRequestWrapper {
        private final String address;

        WithAddress(HttpServletRequest request, String address) {
            super(request);
            this.address = address == null ? "" : address;
        }

        @Override
        public String getHeader(String name) {
            return ADDRESS_HEADER.equalsIgnoreCase(name) ? address : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return ADDRESS_HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(address)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!ADDRESS_HEADER.equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            names.add(ADDRESS_HEADER);
            return Collections.enumeration(names);
        }
    }
}
