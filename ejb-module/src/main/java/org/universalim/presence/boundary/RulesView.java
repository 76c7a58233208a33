package org.universalim.presence.boundary;

import java.util.List;

/**
 * A user's presence logic rules (R4) as they apply now.
 *
 * @param deviceOrder      every device, in the order delivery tries them
 * @param configuredOrder  the order the user set (may name fewer devices); empty when using defaults
 * @param ackTimeoutMillis how long a device has to acknowledge before the next is tried
 * @param defaults         true when the user has set no rules: registration order
 */
public record RulesView(List<String> deviceOrder, List<String> configuredOrder, long ackTimeoutMillis, boolean defaults) {
}
