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
        UNDEFINED_CONDITION, UNSUPPORTED_STANZA_TYPE, UNSUPPORTED_VERSION,
        /** Server-to-server (RFC 6120 4.9.3.9, 4.9.3.7): a stanza from another domain than the stream's; no address. */
        INVALID_FROM, IMPROPER_ADDRESSING;

        /** The element name, e.g. {@code not-well-formed}. */
        public String element() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Condition condition;
    private final transient Xml applicationCondition;

    public XmppStreamException(Condition condition, String text) {
        this(condition, text, null);
    }

    /** With an application-specific condition element (RFC 6120 4.9.4), e.g. XEP-0198's {@code <handled-count-too-high/>}. */
    public XmppStreamException(Condition condition, String text, Xml applicationCondition) {
        super(text, null, false, false);
        this.condition = condition;
        this.applicationCondition = applicationCondition;
    }

    public Condition condition() {
        return condition;
    }

    /** The application-specific condition element, or {@code null}. */
    public Xml applicationCondition() {
        return applicationCondition;
    }
}
