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
}
