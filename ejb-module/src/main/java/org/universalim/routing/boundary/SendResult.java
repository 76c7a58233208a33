package org.universalim.routing.boundary;

/**
 * What became of a message at once: {@code sent} (handed to one of the recipient's devices; a receipt
 * follows), {@code stored} (kept for the recipient's next log-on), {@code forwarded} (queued for the
 * recipient's ISP), {@code dropped} (a chat state or another message kept nowhere that no device takes now: nothing
 * follows), or {@code failed} with an error code and words for the sender.
 */
public record SendResult(String messageId, String status, String device, String code, String reason) {

    public static final String SENT = "sent";
    public static final String STORED = "stored";
    public static final String FORWARDED = "forwarded";
    public static final String FAILED = "failed";
    public static final String DROPPED = "dropped";

    public static SendResult failed(String messageId, String code, String reason) {
        return new SendResult(messageId, FAILED, null, code, reason);
    }

    public boolean ok() {
        return !FAILED.equals(status);
    }
}
