package org.universalim.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserNamesTest {

    @ParameterizedTest
    @CsvSource({
            "alice, alice",
            "Alice, alice",
            "'  BOB  ', bob",
            "john.doe, john.doe",
            "john_doe-2, john_doe-2",
            "\uFF2A\uFF4F\uFF48\uFF4E, john",   // full-width JOHN
            "jo, jo"})
    void normalises(String raw, String expected) {
        assertThat(UserNames.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void acceptsTheLongestName() {
        String name = "a".repeat(UserNames.MAX_LENGTH);
        assertThat(UserNames.normalize(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "9lives", "_alice", "alice.", "alice-", "al..ice", "al.-ice", "al ice",
            "al@ice", "al/ice", "alïce", "ålice", "al+ice", "émile", "\u202Enimda", "ad\u200Bmin", "adm\u0000in",
            "ad\u0085min", "\uFB01sh"})
    void refuses(String raw) {
        assertThatThrownBy(() -> UserNames.normalize(raw)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void refusesTooLongNullAndBlank() {
        assertThatThrownBy(() -> UserNames.normalize("a".repeat(UserNames.MAX_LENGTH + 1)))
                .hasMessageContaining("2 to 32");
        assertThatThrownBy(() -> UserNames.normalize(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> UserNames.normalize(" ")).hasMessageContaining("required");
    }

    @Test
    void reservedNamesCannotBeRegisteredButStillParse() {
        assertThat(UserNames.normalize("Postmaster")).isEqualTo("postmaster");
        assertThatThrownBy(() -> UserNames.normalizeNew("Postmaster")).hasMessageContaining("reserved");
        assertThat(UserNames.normalizeNew("alice")).isEqualTo("alice");
    }

    @Test
    void errorMessagesNameTheOffendingCharacter() {
        assertThatThrownBy(() -> UserNames.normalize("al!ce")).hasMessageContaining("'!'");
    }

    @Test
    void aNameThatBreaksARuleNormalisesToNothing() {
        assertThat(UserNames.normalized("  Alice ")).contains("alice");
        assertThat(UserNames.normalized("a")).isEmpty();
        assertThat(UserNames.normalized("bad name!")).isEmpty();
        assertThat(UserNames.normalized(null)).isEmpty();
    }
}
