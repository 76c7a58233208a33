package org.universalim.platform.rest;

import org.universalim.platform.FieldError;

import java.util.List;

/**
 * The one shape of every error answer of the JSON API and of every other error page of the client ports.
 *
 * @param error       a stable machine-readable code, e.g. {@code validation_failed}, {@code name_taken}
 * @param message     words for a person
 * @param fieldErrors the refused fields, for {@code validation_failed}; empty otherwise
 */
public record ErrorBody(int status, String error, String message, List<FieldError> fieldErrors) {

    public static ErrorBody of(int status, String error, String message) {
        return new ErrorBody(status, error, message, List.of());
    }

    /** The code and sentence of an HTTP status that carries nothing more specific. */
    public static ErrorBody forStatus(int status) {
        return switch (status) {
            case 400 -> of(400, "malformed_request", "The request could not be understood");
            case 401 -> of(401, "authentication_failed", "Sign in with your user name and password (HTTP Basic)");
            case 403 -> of(403, "forbidden", "You may not do this");
            case 404 -> of(404, "not_found", "There is nothing at this address");
            case 405 -> of(405, "method_not_allowed", "This address does not take that method");
            case 406 -> of(406, "not_acceptable", "The answer is only available as application/json");
            case 408 -> of(408, "request_timeout", "The request took too long to arrive");
            case 413 -> of(413, "payload_too_large", "The request body is too large");
            case 414 -> of(414, "uri_too_long", "The address is too long");
            case 415 -> of(415, "unsupported_media_type", "Send the body as application/json");
            case 429 -> of(429, "too_many_requests", "Too many requests: wait a moment and try again");
            case 503 -> of(503, "unavailable", "The server cannot answer now: try again shortly");
            default -> status >= 500 ? of(status, "internal_error", "The server could not handle the request")
                    : of(status, "request_failed", "The request could not be served");
        };
    }
}
