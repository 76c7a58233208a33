package org.universalim.platform.rest;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyReaderTest {

    public record Item(String name, Instant at) {
    }

    public record Body(String text, boolean flag, Integer level, Long millis, List<String> names, List<Item> items) {
    }

    @Test
    void wellTypedBodiesAreBound() throws Exception {
        Body body = (Body) read(Body.class, "{\"text\": \"x\", \"flag\": true, \"level\": 3, \"millis\": 4294967296,"
                + " \"names\": [\"a\"], \"items\": [{\"name\": \"n\", \"at\": \"2026-11-24T10:00:00Z\"}], \"unknown\": 1}");
        assertThat(body.flag()).isTrue();
        assertThat(body.level()).isEqualTo(3);
        assertThat(body.millis()).isEqualTo(4294967296L);
        assertThat(body.items().get(0).at()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void wrongTypesAndNumbersOutOfRangeNameTheirField() {
        assertThat(errors("{\"flag\": \"yes\"}")).extracting(FieldError::field).containsExactly("flag");
        assertThat(errors("{\"level\": 4294967296}")).extracting(FieldError::field).containsExactly("level");
        assertThat(errors("{\"level\": 1.5}")).extracting(FieldError::field).containsExactly("level");
        assertThat(errors("{\"level\": \"2\"}")).extracting(FieldError::field).containsExactly("level");
        assertThat(errors("{\"text\": [\"x\"]}")).extracting(FieldError::field).containsExactly("text");
        assertThat(errors("{\"names\": [\"a\", 2]}")).extracting(FieldError::field).containsExactly("names[1]");
        assertThat(errors("{\"items\": [{\"at\": \"yesterday\"}]}")).extracting(FieldError::field).containsExactly("items[0].at");
        assertThat(errors("{\"flag\": 1, \"level\": true}")).hasSize(2);
    }

    @Test
    void theWrongShapeOrBrokenJsonIsMalformed() {
        assertThatThrownBy(() -> read(Body.class, "[1, 2]")).isInstanceOf(MalformedBodyException.class)
                .hasMessage("is not a JSON object");
        assertThatThrownBy(() -> read(Body.class, "{\"text\": ")).isInstanceOf(MalformedBodyException.class)
                .hasMessageStartingWith("is not valid JSON");
        assertThatThrownBy(() -> read(Body.class, "{\"names\": " + "[".repeat(40) + "]".repeat(40) + "}"))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("nested deeper");
    }

    @Test
    void bodiesMustBeUtf8() {
        byte[] latin1 = "{\"text\": \"caf\u00E9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new JsonBodyReader().readFrom(Object.class, Body.class, null, null, null,
                new ByteArrayInputStream(latin1))).isInstanceOf(MalformedBodyException.class).hasMessage("is not UTF-8 text");
    }

    @Test
    void checksListsOfRecords() {
        List<FieldError> errors = new ArrayList<>();
        JsonValue list = Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", 5)).build();
        JsonBodyReader.check(list, new java.util.ArrayList<Item>() { }.getClass().getGenericSuperclass(), "", errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("[0].name");
        assertThat(JsonbBuilder.create()).isNotNull();
    }

    private static List<FieldError> errors(String json) {
        try {
            read(Body.class, json);
        } catch (InvalidRequestException e) {
            return e.errors();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no field errors for " + json);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(Type type, String json) throws Exception {
        return new JsonBodyReader().readFrom((Class) type, type, null, null, null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
