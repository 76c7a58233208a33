package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.Incidents;

import java.util.logging.Logger;

/**
 * JSON-B could not bind a body that {@link JsonBodyReader} let through (a value its type cannot take): 400 in
 * our words, JSON-B's message in the log under an incident id. A failure to write our own answer is a server
 * error.
 */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Inject
    Logger log;

    @Override
    public Response toResponse(JsonbException e) {
        if (!whileReading(e)) {
            String incident = Incidents.fault(log, "cannot write a JSON answer", e);
            return ErrorResponses.of(ErrorBody.of(500, "internal_error",
                    "The server could not write its answer " + Incidents.reference(incident)));
        }
        String incident = Incidents.refused(log, "request body not bound", e.getMessage());
        return ErrorResponses.of(ErrorBody.of(400, "malformed_request",
                "The request body is not the expected JSON: send a JSON object with the documented fields "
                        + Incidents.reference(incident)));
    }

    private static boolean whileReading(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String method = frame.getMethodName();
            if (method.equals("fromJson") || method.equals("readFrom")) {
                return true;
            }
        }
        return false;
    }
}
