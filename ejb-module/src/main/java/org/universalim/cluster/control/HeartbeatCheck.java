package org.universalim.cluster.control;

import java.time.Duration;
import java.time.Instant;

/**
 * What one heartbeat of this node tells about its own standing among the nodes of its ISP (R12). A pure rule: the
 * node's row, as the heartbeat found it, and the time since its previous heartbeat.
 *
 * <ul>
 *   <li>Its row was gone: another node declared it dead while it was silent (paused, starved, cut from the
 *       database), logged its devices off and stored what it was delivering. Its client sessions no longer match the
 *       database and must end (docs/cluster.md, "A node declared dead that still runs").</li>
 *   <li>Its row was there, but the previous heartbeat is more than half the dead time ago: it was late, and nearly
 *       declared dead; worth a line in the log, as evidence of what starves the heartbeat.</li>
 * </ul>
 */
public final class HeartbeatCheck {

    /** What the heartbeat found. */
    public enum Outcome {
        /** In time, its row there. */
        ALIVE,
        /** Its row there, but the heartbeat came late: more than half the dead time after the previous one. */
        LATE,
        /** Its row gone: it was declared dead by another node since its previous heartbeat. */
        DECLARED_DEAD
    }

    private final Duration deadAfter;

    public HeartbeatCheck(Duration deadAfter) {
        this.deadAfter = deadAfter;
    }

    /**
     * @param rowFound     whether the heartbeat found this node's row in the node table (it writes it again if not)
     * @param previousBeat when this node last wrote its heartbeat, or null before its first one (the row was just
     *                     registered: a row missing then was never declared dead)
     * @param now          this heartbeat's time
     */
    public Outcome judge(boolean rowFound, Instant previousBeat, Instant now) {
        if (previousBeat == null) {
            return Outcome.ALIVE;
        }
        if (!rowFound) {
            return Outcome.DECLARED_DEAD;
        }
        return Duration.between(previousBeat, now).compareTo(deadAfter.dividedBy(2)) > 0 ? Outcome.LATE : Outcome.ALIVE;
    }
}
