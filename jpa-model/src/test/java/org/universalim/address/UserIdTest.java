package org.universalim.address;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserIdTest {

    private static final UniversalMarker SUFFIX = UniversalMarker.DEFAULT;
    private static final UniversalMarker PREFIX = new UniversalMarker("u-", UniversalMarker.Position.PREFIX);

    @Test
    void parsesAndPrintsAnAddress() {
        UserId id = UserId.parse("alice@isp-a.example");
        assertThat(id.localPart()).isEqualTo("alice");
        assertThat(id.domain()).isEqualTo("isp-a.example");
        assertThat(id).hasToString("alice@isp-a.example");
        assertThat(UserId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void normalisesCaseBlanksAndCompatibilityForms() {
        assertThat(UserId.parse("  Alice@ISP-A.Example ")).isEqualTo(UserId.of("alice", "isp-a.example"));
        // full-width letters fold to ASCII under NFKC
        assertThat(UserId.parse("\uFF21lice@isp-a.example").localPart()).isEqualTo("alice");
        assertThat(UserId.parse("bob@isp-b.example.")).hasToString("bob@isp-b.example");
    }

    @Nested
    class WithTheMarkerAsSuffix {

        @Test
        void aLocalOnlyAddressIsNotUniversal() {
            UserId id = UserId.parse("alice@isp-a.example");
            assertThat(id.isUniversal(SUFFIX)).isFalse();
            assertThat(id.ispDomain(SUFFIX)).isEqualTo("isp-a.example");
        }

        @Test
        void theMarkerAfterTheFirstLabelMakesAUniversalAddressOfTheSameIsp() {
            UserId id = UserId.parse("alice@isp-a-u.example");
            assertThat(id.isUniversal(SUFFIX)).isTrue();
            assertThat(id.ispDomain(SUFFIX)).isEqualTo("isp-a.example");
            assertThat(id.toLocal(SUFFIX)).hasToString("alice@isp-a.example");
            assertThat(UserId.parse("alice@isp-a.example").toUniversal(SUFFIX)).isEqualTo(id);
        }

        @Test
        void aSingleLabelDomainTakesTheMarkerAtItsEnd() {
            assertThat(SUFFIX.universalDomainOf("localhost")).isEqualTo("localhost-u");
            assertThat(SUFFIX.ispDomainOf("localhost-u")).isEqualTo("localhost");
        }

        @Test
        void theMarkerAloneIsNotAUniversalLabel() {
            assertThat(SUFFIX.isUniversal("-u.example")).isFalse();
            assertThat(SUFFIX.isUniversal("isp.example-u")).isFalse();
        }
    }

    @Nested
    class WithTheMarkerAsPrefix {

        @Test
        void theMarkerInFrontMakesAUniversalAddress() {
            UserId id = UserId.parse("alice@u-isp-a.example");
            assertThat(id.isUniversal(PREFIX)).isTrue();
            assertThat(id.ispDomain(PREFIX)).isEqualTo("isp-a.example");
            assertThat(UserId.parse("alice@isp-a.example").toUniversal(PREFIX)).isEqualTo(id);
            assertThat(id.isUniversal(SUFFIX)).isFalse();
        }

        @Test
        void aLocalAddressUnderThePrefixMarker() {
            UserId id = UserId.parse("alice@isp-a.example");
            assertThat(id.isUniversal(PREFIX)).isFalse();
            assertThat(id.toUniversal(PREFIX).domain()).isEqualTo("u-isp-a.example");
        }
    }

    @Test
    void tellsLocalFromForeign() {
        assertThat(UserId.parse("alice@isp-a.example").isLocalTo("isp-a.example", SUFFIX)).isTrue();
        assertThat(UserId.parse("alice@isp-a-u.example").isLocalTo("isp-a.example", SUFFIX)).isTrue();
        assertThat(UserId.parse("bob@isp-b-u.example").isForeignTo("isp-a.example", SUFFIX)).isTrue();
        assertThat(UserId.parse("bob@isp-b.example").isLocalTo("isp-a.example", SUFFIX)).isFalse();
    }

    @Test
    void aDomainAlreadyMarkedHasNoSecondUniversalForm() {
        assertThatThrownBy(() -> SUFFIX.universalDomainOf("isp-a-u.example"))
                .isInstanceOf(InvalidAddressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "alice", "@isp-a.example", "alice@", "alice@@isp-a.example",
            "alice@bob@isp-a.example", "alice@isp-a.example/phone", "al ice@isp-a.example",
            "alice@isp_a.example", "alice@-isp.example", "alice@isp..example", "alice@isp-.example",
            "1alice@isp-a.example", "a@isp-a.example"})
    void refusesMalformedAddresses(String text) {
        assertThatThrownBy(() -> UserId.parse(text)).isInstanceOf(InvalidAddressException.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void refusesANullAddress() {
        assertThatThrownBy(() -> UserId.parse(null)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void refusesOverlongDomains() {
        String label = "a".repeat(64);
        assertThatThrownBy(() -> UserId.parse("alice@" + label + ".example"))
                .isInstanceOf(InvalidAddressException.class);
        String longDomain = ("a".repeat(60) + ".").repeat(5) + "example";
        assertThatThrownBy(() -> UserId.parse("alice@" + longDomain)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void markerTextIsADnsLabelFragment() {
        assertThatThrownBy(() -> new UniversalMarker("-u.", UniversalMarker.Position.SUFFIX))
                .isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> UniversalMarker.of("-u", "middle")).isInstanceOf(InvalidAddressException.class);
        assertThat(UniversalMarker.of("-U", "Suffix")).isEqualTo(UniversalMarker.DEFAULT);
    }
}
