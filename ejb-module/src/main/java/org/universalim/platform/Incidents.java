package org.universalim.platform;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way to keep details from clients and peers: what went wrong goes to the server log under a fresh
 * incident id, and the client is told only that id (in {@link #reference}). Server faults are logged with their
 * stack trace; what a client sent wrong is logged as one line, its detail shortened.
 */
public final class Incidents {

    private static final int MAX_DETAIL = 300;

    private Incidents() {
    }

    /** Logs a server fault (SEVERE, with the stack trace) and answers its incident id. */
    public static String fault(Logger log, String what, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        log.log(Level.SEVERE, "incident " + incident + ": " + what, failure);
        return incident;
    }

    /** Logs what a client sent wrong (INFO, one line: the detail is the client's doing) and answers the incident id. */
    public static String refused(Logger log, String what, String detail) {
        String incident = UUID.randomUUID().toString();
        String shortened = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
        log.log(Level.INFO, "incident {0}: {1}: {2}", new Object[]{incident, what, shortened.replaceAll("\\p{Cntrl}", " ")});
        return incident;
    }

    /** The words a client is given: {@code (incident <id>)}. */
    public static String reference(String incident) {
        return "(incident " + incident + ")";
    }
}
