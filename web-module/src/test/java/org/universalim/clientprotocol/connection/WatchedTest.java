package org.universalim.clientprotocol.connection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WatchedTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private final List<Watched.Expiry> expired = new ArrayList<>();
    private final AtomicInteger released = new AtomicInteger();

    private Watched openedAt(long nanos) {
        return new Watched("10.0.0.1", nanos, expired::add, released::incrementAndGet);
    }

    @Test
    void aConnectionNotLoggedInByTheDeadlineIsDue() {
        Watched w = openedAt(0);
        assertThat(w.due(19 * S, 20 * S, 300 * S)).isNull();
        w.active(19 * S);
        assertThat(w.due(20 * S, 20 * S, 300 * S)).as("activity does not extend the log-in deadline")
                .isEqualTo(Watched.Expiry.LOGIN_DEADLINE);
    }

    @Test
    void aLoggedInConnectionIsDueOnlyWhenIdle() {
        Watched w = openedAt(0);
        w.authenticated();
        assertThat(w.due(25 * S, 20 * S, 300 * S)).isNull();
        w.active(100 * S);
        assertThat(w.due(399 * S, 20 * S, 300 * S)).isNull();
        assertThat(w.due(400 * S, 20 * S, 300 * S)).isEqualTo(Watched.Expiry.IDLE);
    }

    @Test
    void zeroTurnsALimitOff() {
        Watched w = openedAt(0);
        assertThat(w.due(10_000 * S, 0, 0)).isNull();
    }

    @Test
    void theQuotaIsGivenBackOnceAndTheExpiryTakesEffectOnce() {
        Watched w = openedAt(0);
        w.authenticated();
        w.closed();
        w.closed();
        assertThat(released).hasValue(1);
        w.expire(Watched.Expiry.IDLE);
        w.expire(Watched.Expiry.IDLE);
        assertThat(expired).containsExactly(Watched.Expiry.IDLE);
    }
}
