package org.universalim.registration.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.universalim.registration.control.GuessingRule.Go;
import org.universalim.registration.control.GuessingRule.Limits;
import org.universalim.registration.control.GuessingRule.Tally;
import org.universalim.registration.control.GuessingRule.Verdict;
import org.universalim.registration.control.GuessingRule.Wait;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuessingRuleTest {

    /** The defaults: delay after 5 failures (1 s, doubling, at most 60 s), lock after 20 for 15 minutes. */
    private static final GuessingRule RULE = new GuessingRule(new Limits(5, 20, Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofMinutes(15)));
    private static final Instant LAST = Instant.parse("2026-12-06T10:00:00Z");

    /**
     * failures counted, seconds since the last failure → GO, or WAIT/LOCK with the seconds until the next
     * attempt may come (counted from the last failure).
     */
    @ParameterizedTest(name = "{0} failures, {1} s later: {2} {3}")
    @CsvSource({
            // no failures, or fewer than delayAfter: at once
            "0,   0,    GO,   0",
            "1,   0,    GO,   0",
            "4,   0,    GO,   0",
            // from delayAfter on: 1 s, 2 s, 4 s ... after the last failure
            "5,   0,    WAIT, 1",
            "5,   1,    GO,   0",
            "6,   1,    WAIT, 2",
            "6,   2,    GO,   0",
            "7,   3,    WAIT, 4",
            "10,  31,   WAIT, 32",
            "10,  32,   GO,   0",
            // capped at maxDelay
            "11,  59,   WAIT, 60",
            "19,  59,   WAIT, 60",
            "19,  60,   GO,   0",
            // lockAfter: nothing for lockTime after the last failure
            "20,  0,    LOCK, 900",
            "20,  899,  LOCK, 900",
            "25,  60,   LOCK, 900",
            // lockTime after the last failure everything is forgotten: the lock is over
            "20,  900,  GO,   0",
            "7,   900,  GO,   0",
            "19,  1000, GO,   0"
    })
    void decisionTable(int failures, long secondsLater, String expected, long untilSeconds) {
        Verdict verdict = RULE.decide(new Tally(failures, LAST), LAST.plusSeconds(secondsLater));
        switch (expected) {
            case "GO" -> assertThat(verdict).isInstanceOf(Go.class);
            case "WAIT" -> assertThat(verdict).isEqualTo(new Wait(LAST.plusSeconds(untilSeconds), false));
            default -> assertThat(verdict).isEqualTo(new Wait(LAST.plusSeconds(untilSeconds), true));
        }
    }

    @Test
    void nothingCountedGoesOn() {
        assertThat(RULE.decide(null, LAST)).isInstanceOf(Go.class);
        assertThat(RULE.current(null, LAST)).isZero();
    }

    @Test
    void onlyFailuresCount() {
        Tally one = RULE.failed(null, LAST);
        assertThat(one).isEqualTo(new Tally(1, LAST));
        assertThat(RULE.failed(one, LAST.plusSeconds(1))).isEqualTo(new Tally(2, LAST.plusSeconds(1)));
        // below delayAfter admitting changes nothing
        assertThat(RULE.admitted(one, LAST.plusSeconds(5))).isEqualTo(one);
        assertThat(RULE.admitted(null, LAST)).isNull();
    }

    @Test
    void inTheDelayAnAdmittedAttemptTakesTheSlotSoAConcurrentOneWaits() {
        Tally five = new Tally(5, LAST);
        Instant later = LAST.plusSeconds(2);
        assertThat(RULE.decide(five, later)).isInstanceOf(Go.class);
        Tally taken = RULE.admitted(five, later);
        assertThat(taken).isEqualTo(new Tally(5, later));
        assertThat(RULE.decide(taken, later)).isEqualTo(new Wait(later.plusSeconds(1), false));
    }

    @Test
    void aFailureAfterTheForgettingTimeStartsAgainFromOne() {
        Tally old = new Tally(20, LAST);
        assertThat(RULE.failed(old, LAST.plus(Duration.ofMinutes(15)))).isEqualTo(new Tally(1, LAST.plus(Duration.ofMinutes(15))));
        assertThat(RULE.failed(old, LAST.plus(Duration.ofMinutes(14))).failures()).isEqualTo(21);
    }

    @Test
    void guessingAsFastAsAllowedReachesTheLockAfterTheSumOfTheDelays() {
        Tally tally = null;
        Instant now = LAST;
        int checked = 0;
        while (!(RULE.decide(tally, now) instanceof Wait w && w.locked())) {
            if (RULE.decide(tally, now) instanceof Wait w) {
                now = w.until();
                continue;
            }
            tally = RULE.failed(RULE.admitted(tally, now), now);
            checked++;
        }
        // 20 passwords checked in 1+2+4+8+16+32+60*9 = 603 s, then 15 minutes of lock: about 0.8 per minute
        assertThat(checked).isEqualTo(20);
        assertThat(Duration.between(LAST, now)).isEqualTo(Duration.ofSeconds(603));
    }

    @Test
    void limitsMustBeOrdered() {
        assertThatThrownBy(() -> new Limits(0, 20, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(5, 4, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(5, 20, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
