package org.universalim.platform.rest;

import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.json.JsonInput;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the JSON bodies of the API (records, and lists of records) strictly, before JSON-B binds them: bounded
 * size and nesting ({@link JsonInput}), valid UTF-8, and every field of the JSON type its record component
 * needs. Text where a boolean belongs, a fraction where a whole number belongs and numbers outside the range of
 * their field are {@code validation_failed} with the field named, instead of being coerced or wrapped around
 * (JSON-B alone reads {@code "yes"} as false and 4294967296 as 0). Fields the API does not know are ignored.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonBodyReader implements MessageBodyReader<Object> {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    @Inject
    RestSettings settings;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() || Collection.class.isAssignableFrom(type) && genericType instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        long cap = settings == null ? 65_536 : settings.largestBody();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        if (bytes.length > cap) {
            throw new WebApplicationException(Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("is not UTF-8 text", e.toString());
        }
        JsonValue value;
        try {
            value = JsonInput.parse(text);
        } catch (JsonInput.Unreadable e) {
            throw new MalformedBodyException(e.getMessage(), e.detail());
        }
        List<FieldError> errors = new ArrayList<>();
        if (type.isRecord()) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedBodyException("is not a JSON object", "a " + value.getValueType() + " for an object");
            }
            checkRecord(value.asJsonObject(), type, "", errors);
        } else {
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new MalformedBodyException("is not a JSON array", "a " + value.getValueType() + " for a list");
            }
            check(value, genericType, "", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return jsonb.fromJson(text, genericType);
    }

    private static void checkRecord(JsonObject object, Class<?> record, String prefix, List<FieldError> errors) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonValue field = object.get(component.getName());
            if (field != null) {
                check(field, component.getGenericType(), prefix + component.getName(), errors);
            }
        }
    }

    /** Whether {@code value} has the JSON type {@code type} is read from; a problem becomes a field error. */
    static void check(JsonValue value, Type type, String field, List<FieldError> errors) {
        Class<?> raw = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        JsonValue.ValueType got = value.getValueType();
        if (got == JsonValue.ValueType.NULL) {
            return;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            if (got != JsonValue.ValueType.ARRAY) {
                errors.add(new FieldError(name(field), name(field) + " is a list"));
                return;
            }
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            int i = 0;
            for (JsonValue item : value.asJsonArray()) {
                check(item, element, field + "[" + i++ + "]", errors);
            }
        } else if (raw.isRecord()) {
            if (got != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError(name(field), name(field) + " is an object"));
                return;
            }
            checkRecord(value.asJsonObject(), raw, field.isEmpty() ? "" : field + ".", errors);
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (got != JsonValue.ValueType.TRUE && got != JsonValue.ValueType.FALSE) {
                errors.add(new FieldError(name(field), name(field) + " is true or false"));
            }
        } else if (raw == int.class || raw == Integer.class) {
            whole(value, field, Integer.MIN_VALUE, Integer.MAX_VALUE, errors);
        } else if (raw == long.class || raw == Long.class) {
            whole(value, field, Long.MIN_VALUE, Long.MAX_VALUE, errors);
        } else if (raw == double.class || raw == Double.class) {
            if (got != JsonValue.ValueType.NUMBER) {
                errors.add(new FieldError(name(field), name(field) + " is a number"));
            }
        } else if (raw == Instant.class) {
            if (got != JsonValue.ValueType.STRING || !isInstant(((jakarta.json.JsonString) value).getString())) {
                errors.add(new FieldError(name(field), name(field) + " is a time like 2026-11-24T10:00:00Z"));
            }
        } else if (raw == String.class || raw.isEnum()) {
            if (got != JsonValue.ValueType.STRING) {
                errors.add(new FieldError(name(field), name(field) + " is text"));
            }
        }
    }

    private static void whole(JsonValue value, String field, long min, long max, List<FieldError> errors) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER
                || JsonInput.wholeNumber((JsonNumber) value, min, max).isEmpty()) {
            errors.add(new FieldError(name(field), name(field) + " is a whole number from " + min + " to " + max));
        }
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String name(String field) {
        return field.isEmpty() ? "body" : field;
    }
}
