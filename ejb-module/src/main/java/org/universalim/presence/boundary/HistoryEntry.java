package org.universalim.presence.boundary;

import java.time.Instant;

/**
 * One imported line of presence history, e.g. from the ISP's previous IM system: from {@code at} the
 * device was in {@code state} (READY, BUSY, AWAY, DO_NOT_DISTURB or OFFLINE).
 */
public record HistoryEntry(String device, String state, Instant at) {
}
