package org.universalim.privacy.control;

/**
 * What becomes of something a sender addresses to a local user, by the user's block list and stranger policy.
 */
public enum Admission {
    /** Delivered as usual, stored for the next log-on when no device takes it. */
    DELIVER,
    /** Delivered to a device that takes it now, never stored offline (a stranger, policy {@code no_offline}). */
    DELIVER_NOT_STORED,
    /** Refused, and the sender is told (a stranger, policy {@code refuse}). */
    REFUSED,
    /** Dropped without a word: the recipient blocks the sender, and the sender must not learn it. */
    BLOCKED
}
