package org.universalim.routing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry of stored messages in days (fractions allowed) and how often expired ones are looked for. */
class OfflineSettingsTest {

    private static OfflineSettings days(double days) {
        OfflineSettings settings = new OfflineSettings();
        settings.expiryDays = days;
        settings.maxPerSender = 100;
        return settings;
    }

    @Test
    void thirtyDaysAreLookedForEveryFifteenMinutes() {
        assertThat(days(30).expiry()).isEqualTo(Duration.ofDays(30));
        assertThat(days(30).sweepEvery()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aFractionOfADayIsAnExpiryTooAndItsQuarterTheSweep() {
        assertThat(days(0.5).expiry()).isEqualTo(Duration.ofHours(12));
        assertThat(days(0.0001).expiry()).isEqualTo(Duration.ofMillis(8640));
        assertThat(days(0.0001).sweepEvery()).isEqualTo(Duration.ofMillis(2160));
    }

    @Test
    void nonsenseIsBoundedNotFatal() {
        assertThat(days(0).expiry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(days(-3).sweepEvery()).isEqualTo(Duration.ofSeconds(1));
        OfflineSettings none = days(1);
        none.maxPerSender = 0;
        assertThat(none.maxPerSender()).isEqualTo(1);
    }
}
