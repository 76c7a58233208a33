package org.universalim.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserIdConverterTest {

    private final UserIdConverter converter = new UserIdConverter();

    @Test
    void storesTheTextTheColumnHeldBefore() {
        assertThat(converter.convertToDatabaseColumn(UserId.of("alice", "isp-a.example"))).isEqualTo("alice@isp-a.example");
        assertThat(converter.convertToDatabaseColumn(UserId.parse("Bob@ISP-B-U.example"))).isEqualTo("bob@isp-b-u.example");
    }

    @Test
    void readsAStoredAddressBack() {
        UserId read = converter.convertToEntityAttribute("alice@isp-a.example");
        assertThat(read).isEqualTo(UserId.of("alice", "isp-a.example"));
        assertThat(read.isWellFormed()).isTrue();
    }

    @Test
    void nullStaysNull() {
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"isp-b.example", "alice@isp-a.example/phone", "a@b@isp-a.example", "Alice@ISP-A.example",
            "al ice@isp-a.example", "@isp-a.example.", ""})
    void readsARowThatIsNotAnAddressAsStoredWithoutThrowing(String stored) {
        UserId read = converter.convertToEntityAttribute(stored);
        assertThat(read.isWellFormed()).isFalse();
        assertThat(converter.convertToDatabaseColumn(read)).isEqualTo(stored.startsWith("@") ? stored.substring(1) : stored);
        assertThat(read).isNotEqualTo(UserId.of("alice", "isp-a.example"));
    }
}
