package org.universalim.clientprotocol.xmpp;

import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads one WebSocket frame of RFC 7395 (one complete element with its namespaces declared) with the
 * JDK's StAX parser. Hardened: no DTD, no external entities, no external access; a DOCTYPE, a comment,
 * a processing instruction or an entity reference is {@code restricted-xml} (RFC 6120 section 11.1);
 * nesting deeper than {@link #MAX_DEPTH}, more than {@link #MAX_ATTRIBUTES} attributes on an element or
 * more than {@link #MAX_ELEMENTS} elements is {@code policy-violation}, as is a frame over the size limit
 * (XEP-0205).
 */
public final class StanzaReader {

    /** Largest stanza accepted, in UTF-8 bytes. */
    public static final int MAX_STANZA_BYTES = 65_536;
    public static final int MAX_DEPTH = 24;
    public static final int MAX_ATTRIBUTES = 32;
    public static final int MAX_ELEMENTS = 2_000;

    /** The JDK parser's property that hands a closed reader out again instead of building a new one. */
    private static final String REUSE_READER = "reuse-instance";

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(StanzaReader::newFactory);

    private final int maxBytes;

    public StanzaReader() {
        this(MAX_STANZA_BYTES);
    }

    public StanzaReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    static XMLInputFactory newFactory() {
        // the JDK's own implementation, whatever else is on the class path
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entities are not read");
        });
        if (factory.isPropertySupported(REUSE_READER)) {
            // the factory is this thread's, and every reader is closed after its frame: the next frame reuses it
            // (half the cost of parsing a short stanza was the reader's construction)
            factory.setProperty(REUSE_READER, Boolean.TRUE);
        }
        return factory;
    }

    /** Whether a frame is larger than the stanza limit. */
    public boolean oversized(String frame) {
        if (frame.length() <= maxBytes / 3) {
            return false;
        }
        return frame.length() > maxBytes || frame.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    /**
     * Parses a frame into its element.
     *
     * @throws XmppStreamException {@code not-well-formed}, {@code restricted-xml} or {@code policy-violation}
     */
    public XmlElement read(String frame) throws XmppStreamException {
        check(frame);
        return parse(frame, false);
    }

    /**
     * Parses one top-level element of an XML stream (RFC 6120 over TCP) in the context of its stream: the element
     * is read inside the stream's start tag, so it inherits the namespaces the stream header declared (the content
     * namespace {@code jabber:client}, the {@code stream} prefix). The same limits as a frame, for the element alone.
     *
     * @param streamStart the stream's start tag as the client sent it, e.g. {@code <stream:stream xmlns=... >}
     * @param element     the element's text
     * @param streamEnd   the stream's end tag, e.g. {@code </stream:stream>}
     */
    public XmlElement readInStream(String streamStart, String element, String streamEnd) throws XmppStreamException {
        check(element);
        return parse(streamStart + element + streamEnd, true);
    }

    private void check(String frame) throws XmppStreamException {
        if (frame == null || frame.isBlank()) {
            throw new XmppStreamException(Condition.NOT_WELL_FORMED, "an empty frame");
        }
        if (oversized(frame)) {
            throw new XmppStreamException(Condition.POLICY_VIOLATION, "a stanza has at most " + maxBytes + " bytes");
        }
    }

    private XmlElement parse(String frame, boolean wrapped) throws XmppStreamException {
        XMLStreamReader reader;
        try {
            reader = FACTORY.get().createXMLStreamReader(new StringReader(frame));
        } catch (XMLStreamException e) {
            throw new XmppStreamException(Condition.NOT_WELL_FORMED, "not XML");
        }
        try {
            return read(reader, wrapped, frame);
        } catch (XMLStreamException e) {
            throw new XmppStreamException(Condition.NOT_WELL_FORMED, "not well-formed XML" + position(e));
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing held
            }
        }
    }

    /**
     * @param wrapped the frame's outermost element is the stream's start and end, around the element to read
     * @param frame   the text being read
     */
    private XmlElement read(XMLStreamReader reader, boolean wrapped, String frame) throws XMLStreamException,
            XmppStreamException {
        Deque<XmlElement> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        boolean wrapper = false;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new XmppStreamException(Condition.RESTRICTED_XML,
                        "a document type declaration is not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                     XMLStreamConstants.NOTATION_DECLARATION -> throw new XmppStreamException(Condition.RESTRICTED_XML,
                        "entity references are not allowed");
                case XMLStreamConstants.COMMENT -> throw new XmppStreamException(Condition.RESTRICTED_XML,
                        "comments are not allowed");
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw new XmppStreamException(Condition.RESTRICTED_XML,
                        "processing instructions are not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (wrapped && !wrapper && root == null && open.isEmpty()) {
                        wrapper = true; // the stream's start tag: its namespaces are in scope, it is not read
                        continue;
                    }
                    if (root != null && open.isEmpty()) {
                        throw new XmppStreamException(Condition.NOT_WELL_FORMED, "one element per frame");
                    }
                    if (++elements > MAX_ELEMENTS) {
                        throw new XmppStreamException(Condition.POLICY_VIOLATION, "too many elements in one stanza");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new XmppStreamException(Condition.POLICY_VIOLATION, "elements nested too deep");
                    }
                    if (reader.getAttributeCount() > MAX_ATTRIBUTES) {
                        throw new XmppStreamException(Condition.POLICY_VIOLATION, "too many attributes");
                    }
                    XmlElement element = new XmlElement(reader.getLocalName(), reader.getNamespaceURI());
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        String ns = reader.getAttributeNamespace(i);
                        String local = reader.getAttributeLocalName(i);
                        String key = Namespaces.XML.equals(ns) ? "xml:" + local : local;
                        element.attribute(key, reader.getAttributeValue(i));
                    }
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (open.isEmpty() && wrapper) {
                        wrapper = false; // the stream's end tag
                    } else {
                        open.pop();
                        if (open.isEmpty() && !wrapped && onlySpaceAfter(reader, frame)) {
                            return root;
                        }
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().appendText(reader.getText());
                    } else if (!reader.isWhiteSpace()) {
                        throw new XmppStreamException(Condition.NOT_WELL_FORMED, "text outside the element");
                    }
                }
                default -> {
                    // START_DOCUMENT (an XML declaration), END_DOCUMENT, ATTRIBUTE, NAMESPACE
                }
            }
        }
        if (root == null || !open.isEmpty()) {
            throw new XmppStreamException(Condition.NOT_WELL_FORMED, "a frame holds one complete element");
        }
        return root;
    }

    /**
     * Whether nothing but white space follows the element just ended: then the frame is read without asking the
     * parser for the document's end, which it finds by throwing and catching an exception, with a stack trace as deep
     * as the container's (a quarter of the WebSocket threads' samples in a profile of the open loop). When the
     * parser's position is not a place in the frame (it is not, after some empty elements), the frame is read to its
     * end as before.
     */
    private static boolean onlySpaceAfter(XMLStreamReader reader, String frame) {
        int end = reader.getLocation().getCharacterOffset();
        if (end < 0 || end > frame.length()) {
            return false;
        }
        for (int i = end; i < frame.length(); i++) {
            if (!isXmlSpace(frame.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String position(XMLStreamException e) {
        return e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNumber();
    }
}
