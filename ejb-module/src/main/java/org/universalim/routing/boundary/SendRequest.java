package org.universalim.routing.boundary;

/**
 * A message a user sends (R14: text, or an application payload such as a status probe).
 *
 * @param to            the recipient's address
 * @param application   {@code text} when absent
 * @param securityLevel 0 public ... 3 confidential; the rules only deliver to devices at or above it
 * @param clientId      the id the sending client gave the message (the Local protocol's {@code clientId}, later XMPP's
 *                      stanza id or XEP-0359 origin-id), or null: a resend with the same client id from the same
 *                      account, within the window client ids are remembered, is answered as the first send was and
 *                      makes no second message
 */
public record SendRequest(String to, String body, String application, int securityLevel, String clientId) {

    /** A message without a client id. */
    public SendRequest(String to, String body, String application, int securityLevel) {
        this(to, body, application, securityLevel, null);
    }
}
