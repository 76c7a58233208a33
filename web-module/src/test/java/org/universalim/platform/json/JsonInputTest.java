package org.universalim.platform.json;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class JsonInputTest {

    @Test
    void readsOneValue() throws Exception {
        assertThat(JsonInput.parse("{\"a\": [1, {\"b\": \"[[[[\"}]}").asJsonObject().getJsonArray("a")).hasSize(2);
    }

    @Test
    void refusesNestingDeeperThanTheLimitBeforeParsing() throws Exception {
        String ok = "[".repeat(JsonInput.MAX_DEPTH) + "]".repeat(JsonInput.MAX_DEPTH);
        assertThat(JsonInput.parse(ok).getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
        String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> JsonInput.parse(deep)).isInstanceOf(JsonInput.Unreadable.class)
                .hasMessage("is nested deeper than 32 levels");
        // brackets inside strings and escaped quotes do not count
        String quoted = "{\"x\": \"" + "[".repeat(100) + "\\\"" + "{".repeat(100) + "\"}";
        assertThat(JsonInput.parse(quoted).asJsonObject().getString("x")).startsWith("[[[");
    }

    @Test
    void aRefusalIsInOurWordsAndTheParserDetailIsKeptApart() {
        assertThatThrownBy(() -> JsonInput.parse("{\"userName\":")).isInstanceOf(JsonInput.Unreadable.class)
                .hasMessageStartingWith("is not valid JSON (line 1, column")
                .satisfies(e -> assertThat(((JsonInput.Unreadable) e).detail()).contains("EOF"));
        assertThatThrownBy(() -> JsonInput.parse("")).hasMessage("is empty");
        assertThatThrownBy(() -> JsonInput.parse("{} {}")).hasMessageMatching("(is not valid JSON|has something after the JSON value).*");
        assertThatThrownBy(() -> JsonInput.parse("nonsense")).hasMessageStartingWith("is not valid JSON");
    }

    @Test
    void wholeNumbersAreCheckedAgainstTheirRangeNeverWrapped() {
        assertThat(whole("3", 0, 3)).hasValue(3);
        assertThat(whole("-1", 0, 3)).isEmpty();
        assertThat(whole("4294967296", Integer.MIN_VALUE, Integer.MAX_VALUE)).isEmpty();
        assertThat(whole("2147483647", Integer.MIN_VALUE, Integer.MAX_VALUE)).hasValue(Integer.MAX_VALUE);
        assertThat(whole("9223372036854775808", Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThat(whole("1.5", 0, 3)).isEmpty();
        assertThat(whole("2.0", 0, 3)).hasValue(2);
        assertThat(whole("1E1", 0, 100)).hasValue(10);
        assertThat(whole("0E-10", 0, 3)).hasValue(0);
        // a huge exponent is compared, not expanded
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(whole("1e999999999", Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
            assertThat(whole("1e-999999999", Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        });
    }

    private static OptionalLong whole(String number, long min, long max) {
        JsonNumber n = Json.createValue(new BigDecimal(number));
        return JsonInput.wholeNumber(n, min, max);
    }
}
