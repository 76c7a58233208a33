package org.universalim.platform.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.NotFoundException;

/** Nothing by that name: 404. */
@Provider
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {

    @Override
    public Response toResponse(NotFoundException e) {
        return ErrorResponses.of(ErrorBody.of(404, "not_found", e.getMessage()));
    }
}
