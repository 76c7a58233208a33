package org.universalim.platform;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The one clock of the application, so that time-dependent rules take it as a parameter. */
@Dependent
public class ClockProducer {

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
