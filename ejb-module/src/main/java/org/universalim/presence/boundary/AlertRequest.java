package org.universalim.presence.boundary;

/**
 * "Tell me when this contact becomes available" (R7), optionally only inside a window.
 *
 * @param contact the contact's address, local or of another ISP
 * @param from    ISO-8601 instant with offset (e.g. {@code 2026-11-24T16:00:00+01:00}); now when absent
 * @param until   ISO-8601 instant with offset; {@code from} plus the server's default (24 h) when absent
 */
public record AlertRequest(String contact, String from, String until) {
}
