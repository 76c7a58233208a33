package org.universalim.presence.boundary;

import org.universalim.presence.control.DeliveryPlan;

import java.util.List;

/**
 * What the rules decide for a message: the device that gets it and the ones tried after it, or why the
 * user cannot be reached ({@code reason} is an {@code Unavailability} name, {@code explanation} words).
 */
public record DeliveryDecision(boolean deliverable, String device, List<String> failover, String reason,
                               String explanation, long ackTimeoutMillis) {

    static DeliveryDecision of(DeliveryPlan plan, String userName) {
        if (plan.deliverable()) {
            return new DeliveryDecision(true, plan.candidates().get(0),
                    plan.candidates().subList(1, plan.candidates().size()), null, null, plan.ackTimeoutMillis());
        }
        return new DeliveryDecision(false, null, List.of(), plan.reason().name(), plan.reason().explain(userName),
                plan.ackTimeoutMillis());
    }
}
