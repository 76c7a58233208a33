package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A body that is not the JSON we expect (broken syntax, a string where a boolean belongs): 400. A failure
 * to write our own answer is a server error.
 */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Inject
    Logger log;

    @Override
    public Response toResponse(JsonbException e) {
        if (!whileReading(e)) {
            log.log(Level.SEVERE, "Cannot write a JSON answer", e);
            return ErrorResponses.of(ErrorBody.of(500, "internal_error", "The server could not write its answer"));
        }
        String detail = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Internal error: ", "");
        return ErrorResponses.of(ErrorBody.of(400, "malformed_request",
                "The request body is not the expected JSON: " + detail));
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
