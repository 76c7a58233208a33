package org.universalim.platform.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The error shape of a port other than the client ports (the federation port answers in the contract's XML,
 * not in the API's JSON). {@link ErrorPageServlet} asks each one whether it serves the request's port, so the
 * platform's error page needs to know nothing of the domain that owns that port.
 */
public interface PortErrorShape {

    /** Whether errors on the port this request came in on are this shape's. */
    boolean serves(HttpServletRequest request);

    /**
     * Writes the error. {@code error} is the API's error code for the status ({@link ErrorBody#forStatus}),
     * {@code message} a sentence without internal detail.
     */
    void write(HttpServletRequest request, HttpServletResponse response, int status, String error, String message)
            throws IOException;
}
