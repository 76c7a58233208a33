package org.universalim.routing.boundary;

import java.time.Instant;

/** One message of a conversation's history, as its participant sees it. */
public record HistoryItem(String messageId, String from, String to, boolean outgoing, String application,
                          int securityLevel, String body, Instant sentAt, String status, String format) {
}
