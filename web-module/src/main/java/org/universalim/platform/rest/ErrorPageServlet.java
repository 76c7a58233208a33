package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.enterprise.inject.Instance;
import org.universalim.platform.Incidents;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the web module (web.xml {@code <error-page>} for every error status and for
 * {@link Throwable}): the container's own refusals (a file not found, a method not allowed, a failed sign-in)
 * and anything a servlet or filter throws come out in our error shape instead of Liberty's pages, which name
 * classes and messages such as SRVE0190E. JSON ({@link ErrorBody}) on the client ports, the contract's
 * shape of another port where one serves it ({@link PortErrorShape}: the contract's {@code federationError} on the federation port). A server fault (5xx) is logged under an incident id, never shown.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    /** The shapes of the other ports (the federation port's XML). */
    @Inject
    transient Instance<PortErrorShape> otherPorts;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
        ErrorBody error = request.getAttribute(ErrorPages.REFUSAL) instanceof ErrorBody refusal && refusal.status() == status
                ? refusal : ErrorBody.forStatus(status);
        if (status >= 500) {
            String incident = Incidents.fault(LOG, request.getMethod() + " "
                    + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + " failed", failure);
            error = ErrorBody.of(status, error.error(), error.message() + " " + Incidents.reference(incident));
        } else if (failure != null) {
            // the container's own 4xx (a file not found, an encoded dot in the path) carry an exception: no fault
            LOG.log(Level.FINE, "{0} answered {1}: {2}", new Object[]{request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    status, failure});
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (otherPorts != null) {
            for (PortErrorShape shape : otherPorts) {
                if (shape.serves(request)) {
                    shape.write(request, response, status, error.error(), error.message());
                    return;
                }
            }
        }
        ErrorPages.write(response, error);
    }
}
