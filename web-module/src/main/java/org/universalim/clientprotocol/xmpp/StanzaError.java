package org.universalim.clientprotocol.xmpp;

/**
 * A stanza error (RFC 6120 section 8.3): the error type, a defined condition, a text for people and, when the
 * protocol has one, an application-specific condition (e.g. XEP-0191's {@code <blocked/>}) or a data form.
 *
 * @param type      cancel, continue, modify, auth or wait
 * @param condition e.g. {@code service-unavailable}
 * @param extra     the application-specific element, or {@code null}
 */
public record StanzaError(String type, String condition, String text, Xml extra) {

    public StanzaError(String type, String condition, String text) {
        this(type, condition, text, null);
    }

    /** The same error with an application-specific element. */
    public StanzaError with(Xml element) {
        return new StanzaError(type, condition, text, element);
    }

    public static StanzaError notAuthorized(String text) {
        return new StanzaError("auth", "not-authorized", text);
    }

    /** Too many of something (e.g. registrations from one address): try again later. */
    public static StanzaError policyViolation(String text) {
        return new StanzaError("wait", "policy-violation", text);
    }

    public static StanzaError serviceUnavailable(String text) {
        return new StanzaError("cancel", "service-unavailable", text);
    }

    public static StanzaError badRequest(String text) {
        return new StanzaError("modify", "bad-request", text);
    }

    public static StanzaError notAcceptable(String text) {
        return new StanzaError("modify", "not-acceptable", text);
    }

    public static StanzaError itemNotFound(String text) {
        return new StanzaError("cancel", "item-not-found", text);
    }

    public static StanzaError forbidden(String text) {
        return new StanzaError("auth", "forbidden", text);
    }

    public static StanzaError notAllowed(String text) {
        return new StanzaError("cancel", "not-allowed", text);
    }

    public static StanzaError conflict(String text) {
        return new StanzaError("cancel", "conflict", text);
    }

    public static StanzaError internal(String text) {
        return new StanzaError("wait", "internal-server-error", text);
    }

    /** The {@code <error/>} element. */
    public Xml toXml() {
        Xml error = Xml.element("error").attr("type", type).child(Xml.element(condition, Namespaces.STANZA_ERRORS));
        if (text != null) {
            error.child(Xml.element("text", Namespaces.STANZA_ERRORS).attr("xml:lang", "en").text(text));
        }
        if (extra != null) {
            error.child(extra);
        }
        return error;
    }
}
