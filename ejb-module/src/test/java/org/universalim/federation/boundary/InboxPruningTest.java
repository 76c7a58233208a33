package org.universalim.federation.boundary;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InboxPruningTest {

    @Test
    void prunesEveryQuarterWindowBetweenASecondAndAQuarterOfAnHour() {
        assertThat(InboxPruning.period(Duration.ofSeconds(15))).isEqualTo(Duration.ofMillis(3750));
        assertThat(InboxPruning.period(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(InboxPruning.period(Duration.ofHours(48))).isEqualTo(Duration.ofMinutes(15));
    }
}
