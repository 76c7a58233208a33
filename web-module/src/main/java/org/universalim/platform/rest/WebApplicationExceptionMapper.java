package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.Incidents;

import java.util.logging.Logger;

/**
 * Errors the JAX-RS runtime raises itself (unreadable JSON, wrong media type, unknown path, method not
 * allowed), in our error shape with their own status.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Inject
    Logger log;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ErrorBody error = ErrorBody.forStatus(status);
        if (status == 400) {
            error = ErrorBody.of(400, "malformed_request",
                    "The request could not be read: send a JSON object with the documented fields");
        } else if (status >= 500) {
            String incident = Incidents.fault(log, "the JSON API failed", e);
            error = ErrorBody.of(status, error.error(), error.message() + " " + Incidents.reference(incident));
        }
        Response.ResponseBuilder answer = Response.fromResponse(ErrorResponses.of(error));
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            answer.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return answer.build();
    }
}
