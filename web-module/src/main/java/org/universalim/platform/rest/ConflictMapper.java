package org.universalim.platform.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.ConflictException;

/** A clash with existing data: 409 with the domain's code (e.g. {@code name_taken}). */
@Provider
public class ConflictMapper implements ExceptionMapper<ConflictException> {

    @Override
    public Response toResponse(ConflictException e) {
        return ErrorResponses.of(ErrorBody.of(409, e.code(), e.getMessage()));
    }
}
