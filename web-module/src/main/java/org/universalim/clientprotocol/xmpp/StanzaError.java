package org.universalim.clientprotocol.xmpp;

/**
 * A stanza error (RFC 6120 section 8.3): the error type, a defined condition and a text for people.
 *
 * @param type      cancel, continue, modify, auth or wait
 * @param condition e.g. {@code service-unavailable}
 */
public record StanzaError(String type, String condition, String text) {

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
        return error;
    }
}
