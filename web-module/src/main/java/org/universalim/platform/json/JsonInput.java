package org.universalim.platform.json;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Reading JSON from clients (REST bodies, Local protocol frames) within bounds: nesting at most
 * {@value #MAX_DEPTH} levels deep (checked by a scan before the parser runs, so no parser recursion or stack
 * depends on the client), one value and nothing after it, and whole numbers checked against a range before they
 * are converted (a JSON number never wraps around). A refusal says what is wrong in our own words; the parser's
 * message is kept apart for the server log.
 */
public final class JsonInput {

    /** Deeper nesting than any request of ours needs is refused. */
    public static final int MAX_DEPTH = 32;

    /** Text that is not one acceptable JSON value. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String detail;

        Unreadable(String message, String detail) {
            super(message, null, false, false);
            this.detail = detail;
        }

        /** What the parser said, for the log only. */
        public String detail() {
            return detail;
        }
    }

    private JsonInput() {
    }

    /** Parses one JSON value, refusing deep nesting, broken syntax and anything after the value. */
    public static JsonValue parse(String text) throws Unreadable {
        if (text.isBlank()) {
            throw new Unreadable("is empty", "no JSON value");
        }
        checkDepth(text);
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new Unreadable("is empty", "no JSON value");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new Unreadable("has something after the JSON value" + where(parser.getLocation()), "trailing data");
            }
            return value;
        } catch (JsonParsingException e) {
            throw new Unreadable("is not valid JSON" + where(e.getLocation()), e.getMessage());
        } catch (RuntimeException e) {
            // JsonException, NoSuchElementException, IllegalStateException of a broken document
            throw new Unreadable("is not valid JSON", e.toString());
        }
    }

    /**
     * Refuses nesting deeper than {@value #MAX_DEPTH} levels: counts brackets outside strings, in one pass.
     */
    static void checkDepth(String text) throws Unreadable {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new Unreadable("is nested deeper than " + MAX_DEPTH + " levels", "nesting over " + MAX_DEPTH);
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /**
     * The number as a whole number when it is one within {@code [min, max]}; empty otherwise (a fraction, or out
     * of range). Large exponents are compared, never expanded.
     */
    public static OptionalLong wholeNumber(JsonNumber number, long min, long max) {
        BigDecimal value = number.bigDecimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            return OptionalLong.empty();
        }
        // within the range of a long, so stripping zeros is cheap
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValue());
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNumber() < 0) {
            return "";
        }
        return " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }
}
