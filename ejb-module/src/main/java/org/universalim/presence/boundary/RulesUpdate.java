package org.universalim.presence.boundary;

import java.util.List;

/**
 * New presence logic rules: the device order (names of registered devices, no repeats; devices left
 * out follow in registration order) and the acknowledgement time (500-120000 ms; the server default
 * when absent).
 */
public record RulesUpdate(List<String> deviceOrder, Long ackTimeoutMillis) {
}
