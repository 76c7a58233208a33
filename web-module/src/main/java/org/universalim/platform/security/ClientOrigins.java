package org.universalim.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link ClientOrigin} of HTTP requests and WebSocket handshakes, with the proxies the administrator
 * trusts ({@code trusted.proxies}; none by default, so forwarded headers count for nobody).
 */
@ApplicationScoped
public class ClientOrigins {

    @Inject
    @ConfigProperty(name = "trusted.proxies")
    Optional<String> trustedProxies;

    /** The request being served on this thread (CDI's built-in bean); during a WebSocket handshake, the upgrade request. */
    @Inject
    HttpServletRequest current;

    @Inject
    Logger log;

    private TrustedProxies proxies = TrustedProxies.NONE;

    @PostConstruct
    void start() {
        try {
            proxies = TrustedProxies.parse(trustedProxies.orElse(""));
        } catch (IllegalArgumentException e) {
            log.log(Level.SEVERE, "{0}: no proxy is trusted", e.getMessage());
        }
    }

    public ClientOrigin of(HttpServletRequest request) {
        List<String> forwardedFor = proxies.isEmpty() ? List.of() : Collections.list(request.getHeaders("X-Forwarded-For"));
        return ClientOrigin.resolve(request.getRemoteAddr(), request.isSecure(), forwardedFor,
                request.getHeader("X-Forwarded-Proto"), proxies);
    }

    /** The origin of the request this thread serves (the WebSocket upgrade, in a handshake configurator). */
    public ClientOrigin ofCurrentRequest() {
        try {
            return of(current);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "the client address of a WebSocket handshake is unknown: {0}", e.toString());
            return ClientOrigin.UNKNOWN;
        }
    }
}
