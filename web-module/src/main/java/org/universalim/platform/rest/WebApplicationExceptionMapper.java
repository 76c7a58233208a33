package org.universalim.platform.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Errors the JAX-RS runtime raises itself (unreadable JSON, wrong media type, unknown path, method not
 * allowed), in our error shape with their own status.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "malformed_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "request_failed";
        };
        String message = status == 400
                ? "The request body could not be read: send a JSON object with the documented fields"
                : Response.Status.fromStatusCode(status) == null ? "Request failed"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        Response.ResponseBuilder answer = Response.fromResponse(ErrorResponses.of(ErrorBody.of(status, code, message)));
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            answer.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return answer.build();
    }
}
