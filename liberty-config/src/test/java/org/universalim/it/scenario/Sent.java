package org.universalim.it.scenario;

import jakarta.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** A message as its sender knows it: the server's answer to sending, then the receipts that follow. */
public final class Sent {

    private final Device sender;
    private final JsonObject answer;

    Sent(Device sender, JsonObject answer) {
        this.sender = sender;
        this.answer = answer;
        assertThat(answer.getString("type")).as(answer.toString()).isEqualTo("result");
    }

    public String messageId() {
        return answer.getString("messageId");
    }

    /** {@code sent} (handed to a device), {@code stored} (waits for a log-on) or {@code forwarded} (to another ISP). */
    public String status() {
        return answer.getString("status");
    }

    /** Handed to one of the recipient's devices at once. */
    public Sent wasHandedToADevice() {
        return status("sent");
    }

    /** Queued for the recipient's ISP. */
    public Sent wasForwarded() {
        return status("forwarded");
    }

    /** Kept for the recipient's next log-on. */
    public Sent wasStored() {
        return status("stored");
    }

    /** Waits until the sender is told a device of the recipient acknowledged the message. */
    public Sent isDelivered() {
        sender.client().await(f -> "receipt".equals(f.getString("type")) && messageId().equals(f.getString("messageId", null))
                && "delivered".equals(f.getString("status", null)), Device.WAIT);
        return this;
    }

    private Sent status(String status) {
        assertThat(status()).as(answer.toString()).isEqualTo(status);
        return this;
    }
}
