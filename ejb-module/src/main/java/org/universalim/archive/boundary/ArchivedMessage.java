package org.universalim.archive.boundary;

import java.time.Instant;

/**
 * A message of a user's archive: its archive id (the message id), sender and recipient as shown to users, and what
 * it carried.
 *
 * @param extensions the extension elements the sending client gave it (XML), or null
 * @param stanzaId   the sending client's own id of the message, or null (then the archive id stands for it)
 * @param fromDevice the device (resource) it was sent from, when known
 */
public record ArchivedMessage(String id, String from, String to, String application, int securityLevel, String body,
                              Instant sentAt, String extensions, String stanzaId, String fromDevice) {
}
