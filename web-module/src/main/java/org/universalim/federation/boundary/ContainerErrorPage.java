package org.universalim.federation.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.federation.control.FederationSettings;

import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page for requests the container refuses before any filter sees them (Liberty refuses an
 * encoded dot or slash in a path with an {@code IOException}, CWWWC0005I, and would answer with its own
 * HTML page naming its classes): the shape of the port instead, a {@code federationError} (or a SOAP
 * fault) on the federation port, the API's JSON error on the client ports. Mapped in {@code web.xml}.
 */
@WebServlet(ContainerErrorPage.PATH)
public class ContainerErrorPage extends HttpServlet {

    static final String PATH = "/container-error";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerErrorPage.class.getName());

    @Inject
    transient FederationSettings settings;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (!(code instanceof Integer) && error == null) {
            answer(request, response, 404, "not_found", "unknown_operation", "there is nothing at this address");
            return;
        }
        int status = code instanceof Integer c && c >= 400 ? c : 500;
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "the container failed a request to " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + ", incident " + incident, error);
            answer(request, response, 500, "internal_error", "internal_error", "the request could not be handled (incident " + incident + ")");
            return;
        }
        LOG.log(Level.FINE, "the container refused a request: {0}", error == null ? status : error.getMessage());
        answer(request, response, status, "bad_request", "invalid", "the request could not be read: a path may not hold "
                + "encoded dots, slashes or backslashes, or malformed escapes");
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, int status, String clientError,
                        String federationCode, String message) throws IOException {
        if (request.getLocalPort() != settings.port()) {
            FederationErrors.client(response, status, clientError, message);
            return;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && FederationPaths.SOAP.equals(String.valueOf(uri))) {
            FederationErrors.soap(response, status, status >= 500 ? "Server" : "Client", federationCode, message);
        } else {
            FederationErrors.rest(response, status, federationCode, message);
        }
    }
}
