package org.universalim.registration.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoginKeysTest {

    @ParameterizedTest(name = "account \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "alice|alice",
            "  Alice |alice",
            "ALICE|alice",
            "x|x",                       // no valid name (too short): still folded, still counted
            "Nobody Here!|nobody here!",
            "''|''"
    })
    void accounts(String raw, String key) {
        assertThat(LoginKeys.account(raw)).isEqualTo(key);
    }

    @ParameterizedTest(name = "address \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7|203.0.113.7",
            " 203.0.113.7 |203.0.113.7",
            "2001:db8:1:2:3:4:5:6|2001:db8:1:2:0:0:0:0/64",
            "[2001:db8:1:2::9]|2001:db8:1:2:0:0:0:0/64",
            "2001:DB8:1:2:ffff::1|2001:db8:1:2:0:0:0:0/64",
            "fe80::1%eth0|fe80:0:0:0:0:0:0:0/64",
            "::ffff:198.51.100.4|198.51.100.4",
            "::1|0:0:0:0:0:0:0:0/64",
            "256.1.1.1|unknown",
            "1.2.3|unknown",
            "example.org|unknown",
            "localhost|unknown",
            "2001:db8::g|unknown",
            "''|unknown"
    })
    void addresses(String raw, String key) {
        assertThat(LoginKeys.address(raw)).isEqualTo(key);
    }

    @org.junit.jupiter.api.Test
    void keysAreBounded() {
        assertThat(LoginKeys.account("a".repeat(10_000))).hasSize(LoginKeys.MAX_KEY);
        assertThat(LoginKeys.address(null)).isEqualTo(LoginKeys.UNKNOWN_ADDRESS);
        assertThat(LoginKeys.account(null)).isEmpty();
    }
}
