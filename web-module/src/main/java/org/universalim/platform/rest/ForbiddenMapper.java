package org.universalim.platform.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.ForbiddenException;

/** Not allowed (e.g. registration closed, an invitation required): 403 with the domain's code. */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Override
    public Response toResponse(ForbiddenException e) {
        return ErrorResponses.of(ErrorBody.of(403, e.code(), e.getMessage()));
    }
}
