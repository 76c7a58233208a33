/**
 * The server's numbers: MicroProfile metrics for a monitoring system and the console ({@code ServerMetrics}:
 * sessions per protocol, messages routed, the journal's backlog, messages in flight, each peer's outbox, each
 * named cache), and the console's counters and health ({@code ServerCounters}). It reads every domain and
 * none reads it.
 */
package org.universalim.monitoring;
