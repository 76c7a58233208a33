package org.universalim.clientprotocol.xmpp.profile;

import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.routing.control.UniversalMessageFormat;

import java.nio.charset.StandardCharsets;

/**
 * An element a client sent (a card, an item's payload, an element of its presence), written back as XML to keep
 * or to pass on: each element declares its namespace where it differs from its parent's, so the text can be
 * embedded in any stanza. Bounded in depth and size. What {@link XmlElement} does not keep is not kept here
 * either: attributes of other namespaces than {@code xml:}, and the order of text mixed with elements (the text
 * comes first; text of only white space between elements is dropped).
 */
public final class XmlCopy {

    /** Too large or too deep; the message is for the client. */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private XmlCopy() {
    }

    /** The element as XML. */
    public static String of(XmlElement element) {
        StringBuilder out = new StringBuilder(128);
        write(element, null, out);
        return out.toString();
    }

    /**
     * The element as XML, within bounds.
     *
     * @throws TooLarge when it nests deeper than {@code maxDepth} (the element itself is 1) or has more than
     *                  {@code maxBytes} bytes of UTF-8
     */
    public static String of(XmlElement element, int maxDepth, int maxBytes) throws TooLarge {
        int depth = depth(element);
        if (depth > maxDepth) {
            throw new TooLarge("it nests " + depth + " deep, at most " + maxDepth);
        }
        String xml = of(element);
        int bytes = xml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new TooLarge("it has " + bytes + " bytes, at most " + maxBytes);
        }
        return xml;
    }

    static int depth(XmlElement element) {
        int deepest = 0;
        for (XmlElement child : element.children()) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    private static void write(XmlElement e, String parentNamespace, StringBuilder out) {
        out.append('<').append(e.name());
        if (!e.namespace().equals(parentNamespace)) {
            out.append(" xmlns=\"");
            UniversalMessageFormat.escape(e.namespace(), out, true);
            out.append('"');
        }
        e.attributes().forEach((key, value) -> {
            if (!key.equals("xmlns") && !key.startsWith("xmlns:")) {
                out.append(' ').append(key).append("=\"");
                UniversalMessageFormat.escape(value, out, true);
                out.append('"');
            }
        });
        String text = e.text();
        boolean textKept = !text.isEmpty() && (e.children().isEmpty() || !text.isBlank());
        if (!textKept && e.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (textKept) {
            UniversalMessageFormat.escape(text, out, false);
        }
        for (XmlElement child : e.children()) {
            write(child, e.namespace(), out);
        }
        out.append("</").append(e.name()).append('>');
    }
}
