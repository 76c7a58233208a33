package org.universalim.registration.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** At most N events in any window: the N+1st waits until the oldest leaves the window. */
class RateWindowTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void fivePerHourThenTheSixthWaitsForTheFirstToLeaveTheHour() {
        RateWindow window = new RateWindow(5, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            assertThat(window.tryTake(T0.plusSeconds(i * 60L))).isNull();
        }

        assertThat(window.tryTake(T0.plusSeconds(600))).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(window.tryTake(T0.plus(Duration.ofHours(1)).plusMillis(1))).as("the first left the window").isNull();
        assertThat(window.tryTake(T0.plus(Duration.ofHours(1)).plusSeconds(2))).isEqualTo(T0.plusSeconds(60).plus(Duration.ofHours(1)));
    }

    @Test
    void aPlaceGivenBackCanBeTakenAgain() {
        RateWindow window = new RateWindow(1, Duration.ofMinutes(10));
        assertThat(window.tryTake(T0)).isNull();
        assertThat(window.tryTake(T0.plusSeconds(1))).isNotNull();

        window.giveBack(T0);

        assertThat(window.tryTake(T0.plusSeconds(2))).isNull();
        assertThat(window.isIdle(T0.plusSeconds(2))).isFalse();
        assertThat(window.isIdle(T0.plus(Duration.ofMinutes(11)))).isTrue();
    }

    @Test
    void aWindowNeedsALimitAndALength() {
        assertThatThrownBy(() -> new RateWindow(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateWindow(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
