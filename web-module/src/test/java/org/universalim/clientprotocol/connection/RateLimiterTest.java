package org.universalim.clientprotocol.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    @Test
    void allowsABurstThenTheSteadyRate() {
        long t = 0;
        RateLimiter limiter = new RateLimiter(10, 5, t);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(t)).isTrue();
        }
        assertThat(limiter.tryAcquire(t)).isFalse();
        t += 100_000_000; // 100 ms later one more token
        assertThat(limiter.tryAcquire(t)).isTrue();
        assertThat(limiter.tryAcquire(t)).isFalse();
        t += 10_000_000_000L; // long idle: never more than the burst
        int allowed = 0;
        while (limiter.tryAcquire(t)) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void aSlowClientIsNeverLimited() {
        RateLimiter limiter = new RateLimiter(50, 200, 0);
        for (long i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire(i * 25_000_000L)).isTrue();
        }
    }

    @Test
    void tellsWhenTheNextTokenIsDueWithoutTakingIt() {
        RateLimiter limiter = new RateLimiter(50, 2, 0);
        assertThat(limiter.nanosUntilToken(0)).isZero();
        assertThat(limiter.nanosUntilToken(0)).as("asking takes nothing").isZero();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.nanosUntilToken(0)).isEqualTo(20_000_000L); // 50 a second: one every 20 ms
        assertThat(limiter.nanosUntilToken(15_000_000L)).isEqualTo(5_000_000L);
        assertThat(limiter.tryAcquire(19_999_999L)).isFalse();
        assertThat(limiter.nanosUntilToken(20_000_000L)).isZero();
        assertThat(limiter.tryAcquire(20_000_000L)).isTrue();
        assertThat(limiter.nanosUntilToken(20_000_000L)).isEqualTo(20_000_000L);
    }

    @Test
    void aClockReadLateOnAnotherThreadNeverTakesTokensBack() {
        RateLimiter limiter = new RateLimiter(50, 1, 0);
        assertThat(limiter.tryAcquire(40_000_000L)).isTrue();
        assertThat(limiter.nanosUntilToken(30_000_000L)).as("an earlier reading").isEqualTo(20_000_000L);
        assertThat(limiter.tryAcquire(60_000_000L)).isTrue();
    }
}
