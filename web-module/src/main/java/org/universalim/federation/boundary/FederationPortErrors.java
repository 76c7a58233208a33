package org.universalim.federation.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.federation.control.FederationSettings;
import org.universalim.platform.rest.PortErrorShape;

import java.io.IOException;

/**
 * The error page's answer on the federation port (requests the container refuses before any filter sees them,
 * e.g. an encoded dot in a path, and anything that fails outside our servlets): a SOAP fault with the
 * {@code federationError} detail for the SOAP path, a {@code federationError} body for the rest.
 */
@ApplicationScoped
public class FederationPortErrors implements PortErrorShape {

    @Inject
    FederationSettings settings;

    @Override
    public boolean serves(HttpServletRequest request) {
        return request.getLocalPort() == settings.port();
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String error, String message)
            throws IOException {
        String code = switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "unknown_operation";
            case 413 -> "too_large";
            default -> status >= 500 ? "internal_error" : "invalid";
        };
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && FederationPaths.SOAP.equals(String.valueOf(uri))) {
            FederationErrors.soap(response, status, status >= 500 ? "Server" : "Client", code, message);
        } else {
            FederationErrors.rest(response, status, code, message);
        }
    }
}
