package org.universalim.routing.control;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;

/**
 * What a protocol without XML (the Local IM protocol) shows of a message's extension elements: its chat state
 * (XEP-0085), its marker (XEP-0333 {@code received}, {@code displayed}, {@code acknowledged}, and a XEP-0184
 * {@code <received/>} receipt as {@code received}) with the id of the message it marks, whether it asks for markers,
 * and the condition of a client's error message; and the elements it writes for them. Pure.
 *
 * @param chatState {@code active}, {@code composing}, {@code paused}, {@code inactive}, {@code gone}, or null
 * @param marker    {@code received}, {@code displayed}, {@code acknowledged}, or null
 * @param markerFor the id of the message marked, or null
 * @param markable  whether the sender asks for markers (XEP-0333 {@code <markable/>}): only such a message is marked
 * @param error     the condition of a client's own error message (RFC 6120 8.3, e.g. {@code service-unavailable}), or null
 */
public record ExtensionSummary(String chatState, String marker, String markerFor, boolean markable, String error) {

    public ExtensionSummary(String chatState, String marker, String markerFor) {
        this(chatState, marker, markerFor, false, null);
    }

    private static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    public static final java.util.Set<String> MARKERS = java.util.Set.of("received", "displayed", "acknowledged");

    private static final XMLInputFactory FACTORY = factory();

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f;
    }

    /** The summary of extension elements written by this server (checked when the message was taken); empty for null. */
    public static ExtensionSummary of(String extensions) {
        if (extensions == null || extensions.isEmpty()) {
            return new ExtensionSummary(null, null, null);
        }
        String state = null;
        String marker = null;
        String markerFor = null;
        boolean markable = false;
        String error = null;
        boolean inError = false;
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader("<x>" + extensions + "</x>"));
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String ns = r.getNamespaceURI();
                    String name = r.getLocalName();
                    if (depth == 3 && inError && error == null && STANZA_ERRORS.equals(ns) && !"text".equals(name)) {
                        error = name;
                    }
                    if (depth != 2) {
                        continue;
                    }
                    inError = MessageExtensions.ERROR.namespace().equals(ns) && MessageExtensions.ERROR.localName().equals(name);
                    if (MessageExtensions.MARKERS.equals(ns) && "markable".equals(name)) {
                        markable = true;
                    } else if (MessageExtensions.CHAT_STATES.equals(ns) && MessageExtensions.CHAT_STATE_NAMES.contains(name)) {
                        state = name;
                    } else if (MessageExtensions.MARKERS.equals(ns) && MARKERS.contains(name)
                            || MessageExtensions.RECEIPTS.equals(ns) && "received".equals(name) && marker == null) {
                        marker = name;
                        markerFor = r.getAttributeValue(null, "id");
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            // written by us: cannot happen; shown as nothing
        }
        return new ExtensionSummary(state, marker, markerFor, markable, error);
    }

    /**
     * The extension elements for a chat state and a marker (either may be null), as XML.
     *
     * @throws IllegalArgumentException naming what is not a chat state or marker
     */
    public static String elements(String chatState, String marker, String markerFor) {
        return elements(chatState, marker, markerFor, false);
    }

    /** As {@link #elements(String, String, String)}, with XEP-0333's {@code <markable/>} when {@code markable}. */
    public static String elements(String chatState, String marker, String markerFor, boolean markable) {
        StringBuilder xml = new StringBuilder();
        if (chatState != null) {
            if (!MessageExtensions.CHAT_STATE_NAMES.contains(chatState)) {
                throw new IllegalArgumentException("chatState is one of active, composing, paused, inactive, gone");
            }
            xml.append('<').append(chatState).append(" xmlns=\"").append(MessageExtensions.CHAT_STATES).append("\"/>");
        }
        if (marker != null) {
            if (!MARKERS.contains(marker)) {
                throw new IllegalArgumentException("marker is one of received, displayed, acknowledged");
            }
            if (markerFor == null || markerFor.isEmpty() || markerFor.length() > 128) {
                throw new IllegalArgumentException("markerFor names the message marked (1 to 128 characters)");
            }
            xml.append('<').append(marker).append(" xmlns=\"").append(MessageExtensions.MARKERS).append("\" id=\"");
            UniversalMessageFormat.escape(markerFor, xml, true);
            xml.append("\"/>");
        }
        if (markable) {
            xml.append("<markable xmlns=\"").append(MessageExtensions.MARKERS).append("\"/>");
        }
        return xml.isEmpty() ? null : xml.toString();
    }
}
