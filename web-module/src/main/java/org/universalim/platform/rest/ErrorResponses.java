package org.universalim.platform.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error responses in the {@link ErrorBody} shape. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(ErrorBody body) {
        return Response.status(body.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
