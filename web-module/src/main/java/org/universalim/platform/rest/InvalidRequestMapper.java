package org.universalim.platform.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.InvalidRequestException;

/** Refused input: 400 with one entry per field. */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {

    @Override
    public Response toResponse(InvalidRequestException e) {
        return ErrorResponses.of(new ErrorBody(400, "validation_failed",
                "Some fields are not acceptable: " + e.getMessage(), e.errors()));
    }
}
