package org.universalim.presence.control;

import java.time.DayOfWeek;

/**
 * A weekly availability window of one device: on {@code day}, from {@code fromMinute} to
 * {@code untilMinute} (minutes after local midnight, {@code untilMinute} up to 1440).
 */
public record Window(DayOfWeek day, int fromMinute, int untilMinute) {

    public String from() {
        return clock(fromMinute);
    }

    public String until() {
        return clock(untilMinute);
    }

    static String clock(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
