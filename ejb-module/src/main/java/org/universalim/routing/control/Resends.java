package org.universalim.routing.control;

import org.universalim.routing.entity.ImMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a send with a client id is when its id (see {@link MessageIds}) is taken already: a resend of that message (same
 * account, same client id, first sent within the window client ids are remembered), or a new message that takes the
 * next id of the client id (the one taken belongs to a message older than the window, or to another message).
 */
public final class Resends {

    private Resends() {
    }

    /** The first send of a resend, or the attempt whose id a new message takes ({@link MessageIds#ATTEMPTS}: a random id). */
    public record Outcome(ImMessage firstSend, int attempt) {
    }

    /**
     * @param ids   the ids of the client id's attempts, from {@code from} on (index 0 is attempt {@code from})
     * @param found the messages holding some of those ids, by id
     */
    public static Outcome of(String senderUser, String clientId, int from, List<String> ids, Map<String, ImMessage> found,
                             Instant now, Duration window) {
        Instant oldest = now.minus(window);
        for (int i = 0; i < ids.size(); i++) {
            ImMessage m = found.get(ids.get(i));
            if (m == null) {
                return new Outcome(null, from + i);
            }
            if (senderUser.equals(m.senderUser()) && clientId.equals(m.clientId()) && !m.sentAt().isBefore(oldest)) {
                return new Outcome(m, from + i);
            }
        }
        return new Outcome(null, MessageIds.ATTEMPTS);
    }

    /** What the first send's status tells a resend: as the first answer would have, as far as it is known now. */
    public static ImMessage.Status status(ImMessage firstSend) {
        return switch (firstSend.status()) {
            case STORED, FORWARDED, FAILED -> firstSend.status();
            default -> ImMessage.Status.DELIVERED; // accepted (on its way to a device) or delivered: "sent"
        };
    }
}
