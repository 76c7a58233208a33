package org.universalim.clientprotocol.local;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.json.JsonInput;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reading the fields of a client frame, each wrong or missing field a clear error. */
final class Frames {

    private Frames() {
    }

    static String text(JsonObject frame, String field) {
        String value = optionalText(frame, field);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "\"" + field + "\" is required");
        }
        return value;
    }

    static String optionalText(JsonObject frame, String field) {
        JsonValue v = frame.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidRequestException(field, "\"" + field + "\" is a string");
        }
        return ((JsonString) v).getString();
    }

    static int integer(JsonObject frame, String field, int fallback) {
        JsonValue v = frame.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        return (int) whole(v, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static long longNumber(JsonObject frame, String field) {
        JsonValue v = frame.get(field);
        if (v == null) {
            throw new InvalidRequestException(field, "\"" + field + "\" is required");
        }
        return whole(v, field, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number within {@code [min, max]}: a fraction or a number out of range is refused, never wrapped. */
    private static long whole(JsonValue v, String field, long min, long max) {
        if (v.getValueType() == JsonValue.ValueType.NUMBER) {
            OptionalLong value = JsonInput.wholeNumber((JsonNumber) v, min, max);
            if (value.isPresent()) {
                return value.getAsLong();
            }
        }
        throw new InvalidRequestException(field, "\"" + field + "\" is a whole number from " + min + " to " + max);
    }

    static boolean bool(JsonObject frame, String field, boolean fallback) {
        JsonValue v = frame.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE) {
            return false;
        }
        throw new InvalidRequestException(field, "\"" + field + "\" is true or false");
    }

    static List<String> textList(JsonObject frame, String field) {
        JsonValue v = frame.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidRequestException(field, "\"" + field + "\" is a list of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonValue item : v.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new InvalidRequestException(field, "\"" + field + "\" is a list of strings");
            }
            list.add(((JsonString) item).getString());
        }
        return list;
    }
}
