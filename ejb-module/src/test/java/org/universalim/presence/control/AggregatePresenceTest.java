package org.universalim.presence.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.universalim.presence.entity.DeviceState;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatePresenceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'',                       OFFLINE",
            "OFFLINE,                  OFFLINE",
            "OFFLINE OFFLINE,          OFFLINE",
            "READY,                    READY",
            "OFFLINE READY AWAY,       READY",
            "AWAY BUSY,                BUSY",
            "AWAY DO_NOT_DISTURB,      DO_NOT_DISTURB",
            "BUSY DO_NOT_DISTURB,      BUSY",
            "AWAY OFFLINE,             AWAY",
            "DO_NOT_DISTURB READY,     READY"})
    void aggregates(String states, DeviceState expected) {
        List<DeviceState> devices = states.isBlank() ? List.of()
                : Arrays.stream(states.trim().split("\\s+")).map(DeviceState::valueOf).toList();
        assertThat(AggregatePresence.of(devices)).isEqualTo(expected);
        assertThat(AggregatePresence.isAvailable(AggregatePresence.of(devices))).isEqualTo(expected == DeviceState.READY);
    }
}
