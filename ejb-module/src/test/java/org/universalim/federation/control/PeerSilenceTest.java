package org.universalim.federation.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** When a silent peer's users are shown unavailable, and when a peer is probed. */
class PeerSilenceTest {

    static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
    static final Duration AFTER = Duration.ofSeconds(30);
    static final Duration PROBE = Duration.ofSeconds(10);

    private static boolean unavailable(boolean reachable, Instant lastSuccess, Instant unreachableSince, Instant now) {
        return PeerSilence.usersUnavailable(reachable, lastSuccess, unreachableSince, now, AFTER, PROBE);
    }

    @Test
    void aReachablePeerIsNeverAnOutage() {
        assertThat(unavailable(true, T, null, T.plus(Duration.ofHours(1)))).isFalse();
        assertThat(unavailable(true, null, null, T)).isFalse();
    }

    @Test
    void aProbedPeerIsSilentSinceItsLastAnswer() {
        // answered at T, the next probe at T+10 s failed: its users go unavailable 30 s after T
        Instant failed = T.plusSeconds(10);
        assertThat(unavailable(false, T, failed, T.plusSeconds(29))).isFalse();
        assertThat(unavailable(false, T, failed, T.plusSeconds(30))).isTrue();
    }

    @Test
    void afterAQuietSpellTheSilenceCountsFromTheFirstFailure() {
        // nothing called it for an hour (or we were down ourselves): one failure is not yet an outage
        Instant failed = T.plus(Duration.ofHours(1));
        assertThat(unavailable(false, T, failed, failed)).isFalse();
        assertThat(unavailable(false, T, failed, failed.plusSeconds(29))).isFalse();
        assertThat(unavailable(false, T, failed, failed.plusSeconds(30))).isTrue();
    }

    @Test
    void aCallThatGotThroughAfterTheFailedOneWasMadeCounts() {
        // a probe made at T timed out; meanwhile, at T+2 s, a message batch got through
        assertThat(unavailable(false, T.plusSeconds(2), T, T.plusSeconds(31))).isFalse();
        assertThat(unavailable(false, T.plusSeconds(2), T, T.plusSeconds(32))).isTrue();
    }

    @Test
    void aPeerNeverAnsweredCountsFromItsFirstFailure() {
        assertThat(unavailable(false, null, T, T.plusSeconds(29))).isFalse();
        assertThat(unavailable(false, null, T, T.plusSeconds(30))).isTrue();
    }

    @Test
    void aPeerIsProbedWhenNoCallReachedOrFailedWithinTheInterval() {
        assertThat(PeerSilence.probeDue(null, null, T, PROBE)).isTrue();
        assertThat(PeerSilence.probeDue(T, null, T.plusSeconds(9), PROBE)).isFalse();
        assertThat(PeerSilence.probeDue(T, null, T.plusSeconds(10), PROBE)).isTrue();
        // the latest of the two counts
        assertThat(PeerSilence.probeDue(T, T.plusSeconds(5), T.plusSeconds(12), PROBE)).isFalse();
        assertThat(PeerSilence.probeDue(T.plusSeconds(5), T, T.plusSeconds(12), PROBE)).isFalse();
        assertThat(PeerSilence.probeDue(T.plusSeconds(5), T, T.plusSeconds(15), PROBE)).isTrue();
    }
}
