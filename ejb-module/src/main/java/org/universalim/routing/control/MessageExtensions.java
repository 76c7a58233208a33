package org.universalim.routing.control;

import org.universalim.routing.entity.ImMessage;

import java.util.Collection;
import java.util.Set;

/**
 * The extension elements a message carries beyond its body (XEP-0085 chat states, XEP-0184 receipts, XEP-0333
 * markers, XEP-0308 corrections, XEP-0444 reactions, XEP-0461 replies, XEP-0066 links, XEP-0334 hints, XEP-0359
 * origin-id): which of a client's elements are carried, their bounds, and how a message with them is kept. Pure.
 */
public final class MessageExtensions {

    /** Most extension elements one message carries. */
    public static final int MAX_ELEMENTS = 16;
    /** Most bytes (UTF-8) of all of them, as XML. */
    public static final int MAX_BYTES = ImMessage.MAX_EXTENSIONS;
    /** Most levels one of them nests, itself counting 1. */
    public static final int MAX_DEPTH = 8;

    public static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    public static final String HINTS = "urn:xmpp:hints";
    public static final String RECEIPTS = "urn:xmpp:receipts";
    public static final String MARKERS = "urn:xmpp:chat-markers:0";
    public static final String CORRECTION = "urn:xmpp:message-correct:0";
    public static final String REACTIONS = "urn:xmpp:reactions:0";
    public static final String REPLY = "urn:xmpp:reply:0";
    public static final String OOB = "jabber:x:oob";
    public static final String STANZA_IDS = "urn:xmpp:sid:0";

    /**
     * The {@code <error/>} of a client's own message of type {@code error} (RFC 6120 8.3, RFC 6121 8.5): carried first among
     * the extension elements, in {@code jabber:client}, written only by {@link #errorElement}; a message with it is an
     * error, delivered as {@code type="error"}, kept nowhere, answered with no error and copied to no other device.
     */
    public static final Name ERROR = new Name("jabber:client", "error");
    private static final String ERROR_START = "<error xmlns=\"jabber:client\" type=\"";
    /** The error types of RFC 6120 8.3.2. */
    public static final Set<String> ERROR_TYPES = Set.of("auth", "cancel", "continue", "modify", "wait");

    /** The XEP-0085 states. */
    public static final Set<String> CHAT_STATE_NAMES = Set.of("active", "composing", "paused", "inactive", "gone");

    /**
     * Namespaces a client may not send in a message, as only servers write them: carbons and what they forward, the
     * archive's results, delays, personal events, stream management, the stanza's own namespaces and ours.
     */
    private static final Set<String> SERVERS_ONLY = Set.of("jabber:client", "jabber:server", "urn:xmpp:carbons:2",
            "urn:xmpp:forward:0", "urn:xmpp:mam:2", "urn:xmpp:mam:1", "urn:xmpp:mam:0", "urn:xmpp:delay", "jabber:x:delay",
            "http://jabber.org/protocol/pubsub#event", "urn:xmpp:sm:3", "http://jabber.org/protocol/address");

    private MessageExtensions() {
    }

    /** An element's name: namespace and local name. */
    public record Name(String namespace, String localName) {
    }

    /**
     * Whether a child of a client's message is carried to the recipient as it is. Not the stanza's own children
     * ({@code body}, {@code subject}, {@code thread}), not what only servers write (a client's {@code <stanza-id/>},
     * carbons, archive results, delays: XEP-0359 section 3, XEP-0280 section 11), not our namespaces (read as fields).
     */
    public static boolean carried(Name name) {
        String ns = name.namespace();
        if (ns == null || ns.isEmpty() || SERVERS_ONLY.contains(ns) || ns.startsWith("urn:universal-im:")) {
            return false;
        }
        return !(STANZA_IDS.equals(ns) && !"origin-id".equals(name.localName()));
    }

    /**
     * Why a message's extensions are refused (too many, too large), or null when they are within bounds. Depth is
     * checked as each element is written.
     */
    public static String outOfBounds(int elements, int bytes) {
        if (elements > MAX_ELEMENTS) {
            return "a message carries at most " + MAX_ELEMENTS + " extension elements, not " + elements;
        }
        if (bytes > MAX_BYTES) {
            return "a message's extension elements have at most " + MAX_BYTES + " bytes, not " + bytes;
        }
        return null;
    }

    /**
     * How a message is kept (XEP-0334 section 4, XEP-0160, XEP-0313 section 5, XEP-0085 section 5.6): {@code no-store}
     * keeps it nowhere; {@code no-permanent-store} keeps it offline but not in the archive; a body, or an element of
     * lasting meaning (a receipt, a marker, a correction, a reaction, a link...), keeps it in both, and so does the
     * {@code store} hint; a message of chat states (and hints) alone is neither archived nor stored offline.
     */
    public static ImMessage.Keeping keeping(boolean hasBody, Collection<Name> extensions) {
        if (extensions.contains(ERROR)) {
            return ImMessage.Keeping.TRANSIENT; // an error is neither archived nor stored offline (XEP-0313, XEP-0160)
        }
        if (extensions.contains(new Name(HINTS, "no-store"))) {
            return ImMessage.Keeping.TRANSIENT;
        }
        if (extensions.contains(new Name(HINTS, "no-permanent-store"))) {
            return ImMessage.Keeping.OFFLINE_ONLY;
        }
        if (hasBody || extensions.contains(new Name(HINTS, "store"))) {
            return ImMessage.Keeping.ARCHIVED;
        }
        boolean lasting = extensions.stream().anyMatch(n -> !CHAT_STATES.equals(n.namespace()) && !HINTS.equals(n.namespace())
                && !STANZA_IDS.equals(n.namespace()));
        return lasting ? ImMessage.Keeping.ARCHIVED : ImMessage.Keeping.TRANSIENT;
    }

    /** Whether a body-less message carries anything for its recipient (not only hints or an origin-id). */
    public static boolean worthRouting(Collection<Name> extensions) {
        return extensions.stream().anyMatch(n -> !HINTS.equals(n.namespace()) && !STANZA_IDS.equals(n.namespace()));
    }

    /**
     * The {@code <error/>} element of an error message: its type (one of {@link #ERROR_TYPES}, else {@code cancel}) and
     * its children as XML (the condition, text and application condition, each declaring its namespace).
     */
    public static String errorElement(String type, String children) {
        StringBuilder xml = new StringBuilder(ERROR_START);
        xml.append(type != null && ERROR_TYPES.contains(type) ? type : "cancel").append("\">");
        if (children != null) {
            xml.append(children);
        }
        return xml.append("</error>").toString();
    }

    /** Whether stored extension elements are those of an error message (they begin with {@link #errorElement}). */
    public static boolean isError(String extensions) {
        return extensions != null && extensions.startsWith(ERROR_START);
    }
}
