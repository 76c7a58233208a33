package org.universalim.cluster.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.cluster.control.HeartbeatCheck.Outcome.ALIVE;
import static org.universalim.cluster.control.HeartbeatCheck.Outcome.DECLARED_DEAD;
import static org.universalim.cluster.control.HeartbeatCheck.Outcome.LATE;

class HeartbeatCheckTest {

    private final HeartbeatCheck check = new HeartbeatCheck(Duration.ofSeconds(10));
    private final Instant t0 = Instant.parse("2026-12-07T05:00:00Z");

    @Test
    void aHeartbeatInTimeThatFindsItsRowIsAlive() {
        assertThat(check.judge(true, t0, t0.plusSeconds(2))).isEqualTo(ALIVE);
        assertThat(check.judge(true, t0, t0.plusSeconds(5))).isEqualTo(ALIVE);
    }

    @Test
    void aHeartbeatMoreThanHalfTheDeadTimeAfterThePreviousIsLate() {
        assertThat(check.judge(true, t0, t0.plusMillis(5_001))).isEqualTo(LATE);
        // late beyond the dead time, yet nobody reaped it (no node held the lease, or the holder was slow too)
        assertThat(check.judge(true, t0, t0.plusSeconds(60))).isEqualTo(LATE);
    }

    @Test
    void aRowGoneSinceThePreviousHeartbeatMeansDeclaredDeadHoweverSoonItComes() {
        assertThat(check.judge(false, t0, t0.plusSeconds(30))).isEqualTo(DECLARED_DEAD);
        // the lease holder reaped it between reading its old heartbeat and the next one: still dead for the others
        assertThat(check.judge(false, t0, t0.plusSeconds(1))).isEqualTo(DECLARED_DEAD);
    }

    @Test
    void theFirstHeartbeatAfterRegisteringIsNeverDeclaredDead() {
        assertThat(check.judge(false, null, t0)).isEqualTo(ALIVE);
        assertThat(check.judge(true, null, t0)).isEqualTo(ALIVE);
    }
}
