package org.universalim.platform;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;

/**
 * The one clock of the application, so that time-dependent rules take it as a parameter. It ticks in
 * microseconds, the finest a PostgreSQL timestamp keeps: a time read back equals the time written.
 */
@Dependent
public class ClockProducer {

    private static final Clock MICROS = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    @Produces
    Clock clock() {
        return MICROS;
    }
}
