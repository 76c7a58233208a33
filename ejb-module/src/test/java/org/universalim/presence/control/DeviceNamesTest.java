package org.universalim.presence.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceNamesTest {

    @Test
    void keepsCaseAndNormalisesSpaces() {
        assertThat(DeviceNames.normalize("Phone")).isEqualTo("Phone");
        assertThat(DeviceNames.normalize("  my \u00A0 laptop ")).isEqualTo("my laptop");
        assertThat(DeviceNames.normalize("\uFF30\uFF23")).isEqualTo("PC");
        assertThat(DeviceNames.normalize("t\u00E9l\u00E9phone")).isEqualTo("t\u00E9l\u00E9phone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202Eenohp", "pc\u202E", "pc\u0000", "pc\u0001", "pc\u007F", "pc\u0085", "pc\n",
            "p\u200Bc", "a/b", "a@b", "<b>", "\"q\"", "it's", " ", ""})
    void refusesControlsBidiOverridesAndAddressCharacters(String raw) {
        assertThatThrownBy(() -> DeviceNames.normalize(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a device name");
    }

    @Test
    void hasAtMost64Characters() {
        assertThat(DeviceNames.normalize("d".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> DeviceNames.normalize("d".repeat(65))).hasMessageContaining("64");
    }
}
