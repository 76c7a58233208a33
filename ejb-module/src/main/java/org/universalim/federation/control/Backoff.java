package org.universalim.federation.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter for retries to a peer: 0.5 s doubled per attempt, at most 60 s, each
 * delay shifted by up to 20 % either way so peers coming back are not hit in step.
 */
public final class Backoff {

    static final long BASE_MILLIS = 500;
    static final long MAX_MILLIS = 60_000;

    private Backoff() {
    }

    public static Duration delay(int attempts) {
        return delay(attempts, ThreadLocalRandom.current().nextDouble(-0.2, 0.2));
    }

    static Duration delay(int attempts, double jitter) {
        long base = attempts >= 20 ? MAX_MILLIS : Math.min(MAX_MILLIS, BASE_MILLIS << Math.max(0, attempts));
        return Duration.ofMillis(Math.max(50, Math.round(base * (1 + jitter))));
    }
}
