package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.Incidents;

import java.util.logging.Logger;

/** A body that is not JSON, or not the JSON value we expect: 400 {@code malformed_request}, the parser's words in the log. */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<MalformedBodyException> {

    @Inject
    Logger log;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(MalformedBodyException e) {
        String incident = Incidents.refused(log, "unreadable request body for " + (uri == null ? "" : uri.getRequestUri().getPath()), e.detail());
        return ErrorResponses.of(ErrorBody.of(400, "malformed_request",
                "The request body " + e.getMessage() + ": send a JSON object with the documented fields "
                        + Incidents.reference(incident)));
    }
}
