package org.universalim.platform.rest;

import org.universalim.platform.FieldError;

import java.util.List;

/**
 * The one shape of every error answer of the JSON API.
 *
 * @param error       a stable machine-readable code, e.g. {@code validation_failed}, {@code name_taken}
 * @param message     words for a person
 * @param fieldErrors the refused fields, for {@code validation_failed}; empty otherwise
 */
public record ErrorBody(int status, String error, String message, List<FieldError> fieldErrors) {

    public static ErrorBody of(int status, String error, String message) {
        return new ErrorBody(status, error, message, List.of());
    }
}
