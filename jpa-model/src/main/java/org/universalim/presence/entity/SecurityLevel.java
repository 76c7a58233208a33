package org.universalim.presence.entity;

/**
 * The ordered security scale of devices and messages (R4): a message marked at a level is only delivered
 * to devices at that level or above. Stored and sent as the number 0-3.
 */
public enum SecurityLevel {
    PUBLIC, INTERNAL, PRIVATE, CONFIDENTIAL;

    public static final int MIN = 0;
    public static final int MAX = 3;

    public int value() {
        return ordinal();
    }

    public static SecurityLevel of(int value) {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("a security level is from " + MIN + " to " + MAX);
        }
        return values()[value];
    }
}
