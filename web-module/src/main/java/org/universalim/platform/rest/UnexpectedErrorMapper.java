package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: 500 with an incident id that is also in the server log, never a stack trace to the
 * client.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    @Inject
    Logger log;

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        log.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return ErrorResponses.of(ErrorBody.of(500, "internal_error",
                "The server could not handle the request (incident " + incident + ")"));
    }
}
