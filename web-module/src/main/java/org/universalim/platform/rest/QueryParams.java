package org.universalim.platform.rest;

import org.universalim.platform.InvalidRequestException;

/**
 * Whole numbers in query parameters, read as text and checked here: a number out of range is a 400
 * {@code validation_failed} naming the parameter (JAX-RS would answer 404 for an {@code int} it cannot convert).
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int integer(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequestException(name, name + " is a whole number from " + min + " to " + max);
    }
}
