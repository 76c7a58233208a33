package org.universalim.routing.boundary;

import java.util.Locale;

/**
 * What became of a message at once: {@code sent} (handed to one of the recipient's devices; a receipt
 * follows), {@code stored} (kept for the recipient's next log-on), {@code forwarded} (queued for the
 * recipient's ISP), {@code dropped} (a chat state or another message kept nowhere that no device takes now: nothing
 * follows), or {@code failed} with an error code and words for the sender.
 */
public record SendResult(String messageId, Status status, String device, String code, String reason) {

    /** The outcomes of a send; clients see each by its {@link #wire() name in lower case}. */
    public enum Status {
        SENT, STORED, FORWARDED, FAILED, DROPPED;

        /** How the protocols name it ({@code "sent"}, {@code "stored"}...). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Status SENT = Status.SENT;
    public static final Status STORED = Status.STORED;
    public static final Status FORWARDED = Status.FORWARDED;
    public static final Status FAILED = Status.FAILED;
    public static final Status DROPPED = Status.DROPPED;

    public static SendResult failed(String messageId, String code, String reason) {
        return new SendResult(messageId, FAILED, null, code, reason);
    }

    public boolean ok() {
        return status != FAILED;
    }
}
