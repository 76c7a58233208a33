package org.universalim.platform;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An unexpected failure is logged once, with its stack trace and a new incident id; whoever is answered
 * (a client, a peer, another node) gets the id, never the details.
 */
public final class Incidents {

    private Incidents() {
    }

    /** Logs {@code failure} as an incident of {@code what} (e.g. "local protocol: message.send failed"); returns its id. */
    public static String record(Logger log, String what, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        log.log(Level.SEVERE, what + ", incident " + incident, failure);
        return incident;
    }
}
