package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.Incidents;

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
        String incident = Incidents.fault(log, "unexpected error in the JSON API", e);
        return ErrorResponses.of(ErrorBody.of(500, "internal_error",
                "The server could not handle the request " + Incidents.reference(incident)));
    }
}
