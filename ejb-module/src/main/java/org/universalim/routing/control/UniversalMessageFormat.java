package org.universalim.routing.control;

/**
 * The universal XML format of an instant message (R9, R13): an XMPP {@code <message/>} stanza in the
 * {@code jabber:client} namespace with a {@code <body/>} and our extension element carrying the
 * application type and security level. The same stanza the XMPP endpoint sends; the Local IM server
 * carries it between two universal users too.
 *
 * <pre>{@code
 * <message xmlns="jabber:client" from="alice@isp-a-u.example" to="bob@isp-a-u.example" id="..." type="chat">
 *   <body>Hello</body>
 *   <im xmlns="urn:universal-im:message:1" application="text" security-level="0"/>
 * </message>
 * }</pre>
 */
public final class UniversalMessageFormat {

    public static final String JABBER_CLIENT = "jabber:client";
    public static final String EXTENSION_NS = "urn:universal-im:message:1";

    private UniversalMessageFormat() {
    }

    public static String message(String from, String to, String id, String application, int securityLevel, String body) {
        return message(from, to, id, application, securityLevel, body, null);
    }

    /**
     * The stanza with the message's extension elements (XML that was checked when the message was taken, each element
     * declaring its namespace) after our {@code <im/>}; without a {@code <body/>} when the body is empty (a chat state,
     * a marker).
     */
    public static String message(String from, String to, String id, String application, int securityLevel, String body,
                                 String extensions) {
        StringBuilder xml = new StringBuilder(160 + body.length() + (extensions == null ? 0 : extensions.length()));
        xml.append("<message xmlns=\"").append(JABBER_CLIENT).append("\" from=\"");
        escape(from, xml, true);
        xml.append("\" to=\"");
        escape(to, xml, true);
        xml.append("\" id=\"");
        escape(id, xml, true);
        // a client's own error message (RFC 6120 8.3) is delivered as an error; every other one as a chat
        xml.append("\" type=\"").append(MessageExtensions.isError(extensions) ? "error" : "chat").append("\">");
        if (!body.isEmpty()) {
            xml.append("<body>");
            escape(body, xml, false);
            xml.append("</body>");
        }
        xml.append("<im xmlns=\"").append(EXTENSION_NS).append("\" application=\"");
        escape(application, xml, true);
        xml.append("\" security-level=\"").append(securityLevel).append("\"/>");
        if (extensions != null) {
            xml.append(extensions);
        }
        xml.append("</message>");
        return xml.toString();
    }

    /**
     * Escapes text for XML content or attributes. Characters XML 1.0 cannot carry (most control
     * characters, lone surrogates) become U+FFFD.
     */
    public static void escape(String text, StringBuilder out, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, out, true);
        return out.toString();
    }
}
