package org.universalim.federation.control;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * XML of other namespaces that the contract carries as it is (cards, items of personal event nodes): read from our
 * stored text into a DOM element to send, and written back to text from a peer's DOM element, in both directions
 * bounded in size and depth and limited to elements, attributes and text (no DTD, entity, comment or processing
 * instruction; reading goes through {@link WireCodec}'s hardened reader). What is written declares its namespaces
 * on each element whose namespace differs from its parent's, so it can be embedded anywhere. Attributes of other
 * namespaces than {@code xml:} are not carried.
 */
public final class ForeignXml {

    private static final String XML_NS = XMLConstants.XML_NS_URI;

    /** XML we refuse; the message is safe to send back. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private ForeignXml() {
    }

    /**
     * One element of text as a DOM element.
     *
     * @throws Refused when it is not one namespaced element within the bounds
     */
    public static Element element(String xml, int maxBytes, int maxDepth) throws Refused {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new Refused("larger than " + maxBytes + " bytes");
        }
        Document document = newDocument();
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        XMLStreamReader reader = null;
        try {
            reader = WireCodec.newReader(new ByteArrayInputStream(bytes));
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (root != null && open.isEmpty()) {
                            throw new Refused("more than one element");
                        }
                        if (open.size() >= maxDepth) {
                            throw new Refused("nested deeper than " + maxDepth);
                        }
                        String ns = reader.getNamespaceURI();
                        if (open.isEmpty() && (ns == null || ns.isEmpty())) {
                            throw new Refused("an element in no namespace");
                        }
                        Element e = document.createElementNS(ns == null || ns.isEmpty() ? null : ns, reader.getLocalName());
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            String attributeNs = reader.getAttributeNamespace(i);
                            if (attributeNs == null || attributeNs.isEmpty()) {
                                e.setAttributeNS(null, reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                            } else if (XML_NS.equals(attributeNs)) {
                                e.setAttributeNS(XML_NS, "xml:" + reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                            }
                        }
                        if (open.isEmpty()) {
                            root = e;
                            document.appendChild(e);
                        } else {
                            open.peek().appendChild(e);
                        }
                        open.push(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().appendChild(document.createTextNode(reader.getText()));
                        } else if (!reader.isWhiteSpace()) {
                            throw new Refused("text outside the element");
                        }
                    }
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.DTD,
                         XMLStreamConstants.ENTITY_REFERENCE -> throw new Refused("only elements, attributes and text");
                    default -> {
                        // the document's start and end
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new Refused(WireCodec.notWellFormed(e));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // an array holds nothing
                }
            }
        }
        if (root == null) {
            throw new Refused("no element");
        }
        return root;
    }

    /**
     * The element with it and its descendants of namespace {@code from} moved to {@code to} (a stanza's own children,
     * such as {@code <error/>}, are in the stream's namespace: {@code jabber:client} for clients, {@code jabber:server}
     * between servers).
     */
    public static Element moved(Element element, String from, String to) {
        Element e = from.equals(element.getNamespaceURI())
                ? (Element) element.getOwnerDocument().renameNode(element, to, element.getLocalName()) : element;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                n = moved(child, from, to);
            }
        }
        return e;
    }

    /**
     * A DOM element (a peer's) as text, checked again on the way.
     *
     * @throws Refused when it is in no namespace, nests deeper than {@code maxDepth}, is larger than {@code maxBytes}
     *                 or holds anything but elements and text
     */
    public static String text(Element element, int maxBytes, int maxDepth) throws Refused {
        if (element == null) {
            throw new Refused("no element");
        }
        if (element.getNamespaceURI() == null || element.getNamespaceURI().isEmpty()) {
            throw new Refused("an element in no namespace");
        }
        StringBuilder out = new StringBuilder(256);
        write(element, null, 1, maxDepth, maxBytes, out);
        if (out.toString().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new Refused("larger than " + maxBytes + " bytes");
        }
        return out.toString();
    }

    private static void write(Element e, String parentNs, int depth, int maxDepth, int maxBytes, StringBuilder out) throws Refused {
        if (depth > maxDepth) {
            throw new Refused("nested deeper than " + maxDepth);
        }
        if (out.length() > maxBytes) {
            throw new Refused("larger than " + maxBytes + " bytes");
        }
        String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
        String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        out.append('<').append(name);
        if (!ns.equals(parentNs == null ? "" : parentNs) || parentNs == null) {
            out.append(" xmlns=\"");
            escape(ns, out, true);
            out.append('"');
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String attributeNs = a.getNamespaceURI();
            String local = a.getLocalName() != null ? a.getLocalName() : a.getName();
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attributeNs) || "xmlns".equals(a.getName()) || a.getName().startsWith("xmlns:")) {
                continue; // declarations are written as needed
            }
            if (attributeNs == null || attributeNs.isEmpty()) {
                out.append(' ').append(local);
            } else if (XML_NS.equals(attributeNs)) {
                out.append(" xml:").append(local);
            } else {
                continue;
            }
            out.append("=\"");
            escape(a.getValue(), out, true);
            out.append('"');
        }
        StringBuilder content = new StringBuilder();
        for (Node child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> write((Element) child, ns, depth + 1, maxDepth, maxBytes, content);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escape(child.getNodeValue(), content, false);
                default -> throw new Refused("only elements, attributes and text");
            }
        }
        if (content.isEmpty()) {
            out.append("/>");
        } else {
            out.append('>').append(content).append("</").append(name).append('>');
        }
    }

    /** Escapes text for XML; characters XML 1.0 does not allow are dropped. */
    static void escape(String text, StringBuilder out, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r') {
                        out.append(attribute ? "&#" + (int) c + ";" : String.valueOf(c));
                    } else if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
