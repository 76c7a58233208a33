package org.universalim.platform.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.TooManyRequestsException;

/** Too many of a kind (e.g. registrations from one address): 429 with {@code Retry-After} and the domain's code. */
@Provider
public class TooManyRequestsMapper implements ExceptionMapper<TooManyRequestsException> {

    @Override
    public Response toResponse(TooManyRequestsException e) {
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .entity(ErrorBody.of(429, e.code(), e.getMessage())).build();
    }
}
