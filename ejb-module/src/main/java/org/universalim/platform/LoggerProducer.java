package org.universalim.platform;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

import java.util.logging.Logger;

/** Gives every bean a JUL logger named after its class: {@code @Inject Logger log;}. */
@Dependent
public class LoggerProducer {

    @Produces
    Logger logger(InjectionPoint point) {
        return Logger.getLogger(point.getMember().getDeclaringClass().getName());
    }
}
