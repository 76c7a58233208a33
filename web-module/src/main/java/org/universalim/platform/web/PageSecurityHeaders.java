package org.universalim.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Browser protections for the web client and the ISP console: their own scripts and styles only, sockets
 * and API calls to this server only, never in a frame, no content sniffing, no referrer.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PageSecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
            + "object-src 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isPage(request.getRequestURI().substring(request.getContextPath().length()))) {
            response.setHeader("Content-Security-Policy", POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }

    /** The static files of the client and the console (the API, sockets and federation set their own headers). */
    static boolean isPage(String path) {
        return path.isEmpty() || path.equals("/") || path.equals("/index.html") || path.equals("/admin")
                || path.startsWith("/admin/") || path.startsWith("/js/") || path.startsWith("/css/");
    }
}
