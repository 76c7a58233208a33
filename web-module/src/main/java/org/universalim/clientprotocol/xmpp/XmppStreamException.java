package org.universalim.clientprotocol.xmpp;

/**
 * A fault that ends the stream (RFC 6120 section 4.9): the endpoint answers with a
 * {@code <stream:error/>} of this condition, a {@code <close/>}, and closes the WebSocket.
 */
public final class XmppStreamException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The stream error conditions we use (RFC 6120 section 4.9.3). */
    public enum Condition {
        BAD_FORMAT, CONFLICT, CONNECTION_TIMEOUT, HOST_UNKNOWN, INTERNAL_SERVER_ERROR, INVALID_NAMESPACE, INVALID_XML,
        NOT_AUTHORIZED, NOT_WELL_FORMED, POLICY_VIOLATION, RESOURCE_CONSTRAINT, RESTRICTED_XML, SYSTEM_SHUTDOWN,
        UNSUPPORTED_STANZA_TYPE, UNSUPPORTED_VERSION;

        /** The element name, e.g. {@code not-well-formed}. */
        public String element() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Condition condition;

    public XmppStreamException(Condition condition, String text) {
        super(text, null, false, false);
        this.condition = condition;
    }

    public Condition condition() {
        return condition;
    }
}
