package org.universalim.archive.boundary;

import java.time.Instant;

/**
 * A message of a user's archive: its archive id (the message id), sender and recipient as shown to users, and what
 * it carried.
 */
public record ArchivedMessage(String id, String from, String to, String application, int securityLevel, String body,
                              Instant sentAt) {
}
