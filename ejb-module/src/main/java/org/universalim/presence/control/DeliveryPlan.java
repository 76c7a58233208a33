package org.universalim.presence.control;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of the presence logic rules for one message: the devices to try, best first (the first
 * gets it; on failure or no acknowledgement within {@code ackTimeoutMillis} the next is tried), or why
 * there is none.
 */
public record DeliveryPlan(List<String> candidates, Unavailability reason, long ackTimeoutMillis) {

    public DeliveryPlan {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty() == (reason == null)) {
            throw new IllegalArgumentException("a plan has candidates or a reason, not both");
        }
    }

    public static DeliveryPlan deliver(List<String> candidates, long ackTimeoutMillis) {
        return new DeliveryPlan(candidates, null, ackTimeoutMillis);
    }

    public static DeliveryPlan notAvailable(Unavailability reason, long ackTimeoutMillis) {
        return new DeliveryPlan(List.of(), reason, ackTimeoutMillis);
    }

    public boolean deliverable() {
        return reason == null;
    }

    /** The device that gets the message first. */
    public Optional<String> first() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
