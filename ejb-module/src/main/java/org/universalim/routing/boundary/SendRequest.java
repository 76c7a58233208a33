package org.universalim.routing.boundary;

/**
 * A message a user sends (R14: text, or an application payload such as a status probe).
 *
 * @param to            the recipient's address
 * @param application   {@code text} when absent
 * @param securityLevel 0 public ... 3 confidential; the rules only deliver to devices at or above it
 */
public record SendRequest(String to, String body, String application, int securityLevel) {
}
