package org.universalim.monitoring.boundary;

import java.time.Instant;

/**
 * How this server is doing, for the console's health page.
 *
 * @param databaseUp     the database answered a query
 * @param databaseMillis how long that query took
 * @param systemLoad     the machine's load average of the last minute (negative when unknown)
 */
public record ServerHealthView(String isp, String universalDomain, String node, Instant startedAt, long uptimeSeconds,
                               boolean databaseUp, long databaseMillis, String databaseError, long subscribers,
                               int peers, int peersUnreachable, long heapUsedMiB, long heapMaxMiB, int threads,
                               int processors, double systemLoad, String javaVersion) {
}
