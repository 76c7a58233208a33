package org.universalim.routing.boundary;

import java.util.Objects;

/**
 * What became of a message, as its sender is told by a receipt: {@link #DELIVERED} (a device acknowledged it),
 * {@link #STORED} (kept for the recipient's next log-on) or {@link #FAILED} (with a reason). The federation contract
 * carries it as a token, so a peer of a later version may name a status this release does not know: it is kept as
 * given, passed on to the sender and recorded nowhere ({@link #known()} is false).
 *
 * @param wire the status as the protocols name it
 */
public record ReceiptStatus(String wire) {

    public static final ReceiptStatus DELIVERED = new ReceiptStatus("delivered");
    public static final ReceiptStatus STORED = new ReceiptStatus("stored");
    public static final ReceiptStatus FAILED = new ReceiptStatus("failed");

    public ReceiptStatus {
        Objects.requireNonNull(wire, "a receipt has a status");
        if (wire.isBlank()) {
            throw new IllegalArgumentException("a receipt's status is not blank");
        }
    }

    /** The status a protocol named (one of ours, or one this release does not know). */
    public static ReceiptStatus of(String wire) {
        for (ReceiptStatus s : new ReceiptStatus[] {DELIVERED, STORED, FAILED}) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        return new ReceiptStatus(wire);
    }

    /** Whether this release knows the status (else it was only passed on from a peer of a later version). */
    public boolean known() {
        return equals(DELIVERED) || equals(STORED) || equals(FAILED);
    }

    @Override
    public String toString() {
        return wire;
    }
}
