package org.universalim.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrecisTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Ali|Ali",                                  // case is kept
            "'  Ali   Baba  '|Ali Baba",                // trimmed, runs of spaces collapsed (RFC 8266 2.2)
            "Ali\u00A0Baba|Ali Baba",                   // non-ASCII space becomes a space
            "J\u00F6rg \u263A \u674E|J\u00F6rg \u263A \u674E",
            "\uFB01sh \uFF21\uFF22|fish AB",            // NFKC: ligature and full-width letters
            "\u0627\u0644\u0639\u0631\u0628\u064A\u0629|\u0627\u0644\u0639\u0631\u0628\u064A\u0629"})
    void nicknamesAreNormalised(String raw, String expected) {
        assertThat(Precis.nickname(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u202Enimda",      // RIGHT-TO-LEFT OVERRIDE
            "a\u202Ab",         // LEFT-TO-RIGHT EMBEDDING
            "a\u2066b\u2069",   // isolates
            "a\u200Fb",         // RIGHT-TO-LEFT MARK
            "a\u200Bb",         // ZERO WIDTH SPACE
            "a\u0007b",         // C0 control
            "a\u0000b",
            "a\nb",
            "a\u0085b",         // C1 control
            "a\u009Bb",
            "a\uFEFFb",         // byte order mark
            "a\uE000b",         // private use
            "a\uD800b"})        // lone surrogate
    void nicknamesRefuseControlsAndBidiOverrides(String raw) {
        assertThatThrownBy(() -> Precis.nickname(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("may not contain U+");
    }

    @Test
    void theMessageNamesTheCharacterInWords() {
        assertThatThrownBy(() -> Precis.nickname("\u202Enimda"))
                .hasMessage("may not contain U+202E (an invisible formatting or direction character)");
        assertThatThrownBy(() -> Precis.nickname("a\u0007")).hasMessage("may not contain U+0007 (a control character)");
    }

    @Test
    void emptyAndBlankAreRefused() {
        assertThatThrownBy(() -> Precis.nickname("   ")).hasMessage("is empty");
        assertThatThrownBy(() -> Precis.nickname("")).hasMessage("is empty");
        assertThatThrownBy(() -> Precis.nickname(null)).hasMessage("is required");
    }

    @Test
    void opaqueStringsKeepCaseAndSpacesButRefuseControls() {
        assertThat(Precis.opaqueString("Correct  Horse")).isEqualTo("Correct  Horse");
        assertThat(Precis.opaqueString("pass\u00A0word")).isEqualTo("pass word");
        assertThat(Precis.opaqueString("\u2168")).isEqualTo("\u2168");   // NFC, not NFKC
        assertThatThrownBy(() -> Precis.opaqueString("\u202Eabc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Precis.opaqueString("ab\u0001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userNamesAreCaseMappedIdentifiers() {
        assertThat(Precis.usernameCaseMapped("Alice")).isEqualTo("alice");
        assertThat(Precis.usernameCaseMapped("\uFF21lice")).isEqualTo("alice");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("al ice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Precis.usernameCaseMapped("\u202Enimda")).isInstanceOf(IllegalArgumentException.class);
        // the bidi rule of RFC 5893: right-to-left text may not end in a left-to-right letter
        assertThatThrownBy(() -> Precis.usernameCaseMapped("\u05D0a")).hasMessageContaining("right-to-left");
    }
}
