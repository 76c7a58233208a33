package org.universalim.routing.boundary;

import org.universalim.routing.entity.ImMessage;

/**
 * A message a user sends (R14: text, or an application payload such as a status probe).
 *
 * @param to            the recipient's address
 * @param body          the text; empty for a message of extension elements alone (a chat state, a marker)
 * @param application   {@code text} when absent
 * @param securityLevel 0 public ... 3 confidential; the rules only deliver to devices at or above it
 * @param clientId      the id the sending client gave the message (the Local protocol's {@code clientId}, XMPP's
 *                      XEP-0359 origin-id), or null: a resend with the same client id from the same account, within
 *                      the window client ids are remembered, is answered as the first send was and makes no second
 *                      message
 * @param stanzaId      the client's own id of the stanza (XMPP's {@code id} attribute), shown to the recipient so that
 *                      corrections, replies and reactions referring to it work; null when none
 * @param extensions    the extension elements (XML, each declaring its namespace, within
 *                      {@link org.universalim.routing.control.MessageExtensions}' bounds), or null
 * @param keeping       how the message is kept (archive, offline storage); null for archived
 * @param toResource    the resource a client's own error message was addressed to (RFC 6121 8.5), passed on only to
 *                      an XMPP server over s2s (our rules choose the device, R4); null for any other message
 */
public record SendRequest(String to, String body, String application, int securityLevel, String clientId, String stanzaId,
                          String extensions, ImMessage.Keeping keeping, String toResource) {

    /** A message addressed to a bare JID (or whose resource does not matter: the rules choose the device, R4). */
    public SendRequest(String to, String body, String application, int securityLevel, String clientId, String stanzaId,
                       String extensions, ImMessage.Keeping keeping) {
        this(to, body, application, securityLevel, clientId, stanzaId, extensions, keeping, null);
    }

    /** A message without a client id. */
    public SendRequest(String to, String body, String application, int securityLevel) {
        this(to, body, application, securityLevel, null);
    }

    /** A message with a body and nothing else. */
    public SendRequest(String to, String body, String application, int securityLevel, String clientId) {
        this(to, body, application, securityLevel, clientId, null, null, null);
    }

    /** Whether it has extension elements. */
    public boolean extended() {
        return extensions != null && !extensions.isEmpty();
    }
}
