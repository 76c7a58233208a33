package org.universalim.monitoring.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The server's live numbers at one moment, read from the same metrics {@code /metrics} shows. Rates
 * (messages per second) are the difference of two readings divided by the time between them.
 *
 * @param sessions         connected client sessions per protocol ({@code local}, {@code xmpp})
 * @param messagesRouted   messages routed since the server started (a counter)
 * @param journalBacklog   message writes waiting for the next group commit
 * @param messagesInFlight messages handed to a device and not yet acknowledged
 * @param outboxTotal      federation requests waiting for all peers
 */
public record CountersView(Instant at, String node, Map<String, Integer> sessions, long messagesRouted, int journalBacklog,
                           int messagesInFlight, long outboxTotal, List<PeerQueue> peers) {

    /** One peer's federation queue. */
    public record PeerQueue(String domain, long outboxDepth, boolean enabled, boolean reachable, String lastError,
                            Instant lastFailureAt, Instant lastSuccessAt) {
    }
}
