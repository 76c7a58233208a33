package org.universalim.incontainer;

import java.util.Arrays;
import java.util.EnumSet;

/** What the in-container race tests ask of a thread they started. */
final class Threads {

    private Threads() {
    }

    /** Whether the thread waits in the database driver (for a lock another transaction of the test holds). */
    static boolean waitsForTheDatabase(Thread t) {
        return t != null && EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED).contains(t.getState())
                && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("org.apache.derby")
                || f.getClassName().startsWith("org.postgresql"));
    }
}
