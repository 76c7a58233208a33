package org.universalim.federation.control;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.annotation.XmlRootElement;
import org.universalim.federation.wire.Wire;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Reading and writing the federation contract's XML, safely: no DTD (a DOCTYPE is refused, so no entity
 * expansion and no external access), bounded depth, element count and text size, and every document
 * validated against {@code federation-1.xsd}.
 */
public final class WireCodec {

    /** The largest request or answer body we read. */
    public static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 16;
    static final int MAX_ELEMENTS = 20_000;

    private static final XMLInputFactory INPUT = secureFactory();
    private static final Schema SCHEMA = schema();

    /** XML we refuse to read; the message is safe to send back. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private WireCodec() {
    }

    public static String write(Object element) {
        try {
            Marshaller m = Wire.context().createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            StringWriter out = new StringWriter(512);
            m.marshal(element, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + element.getClass().getSimpleName(), e);
        }
    }

    /** Writes an element without the XML declaration, to embed it (in a SOAP body). */
    public static String writeFragment(Object element) {
        try {
            Marshaller m = Wire.context().createMarshaller();
            m.setProperty(Marshaller.JAXB_FRAGMENT, true);
            StringWriter out = new StringWriter(512);
            m.marshal(element, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + element.getClass().getSimpleName(), e);
        }
    }

    /**
     * Checks an element that reached us by another way than {@link #read} (the SOAP transport unmarshals
     * for itself) against the schema.
     */
    public static void validate(Object element) throws Refused {
        try {
            Marshaller m = Wire.context().createMarshaller();
            m.setSchema(SCHEMA);
            m.marshal(element, new org.xml.sax.helpers.DefaultHandler());
        } catch (JAXBException e) {
            throw new Refused(invalid(elementName(element.getClass()), e));
        }
    }

    public static <T> T read(String xml, Class<T> type) throws Refused {
        return read(xml.getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * Reads one element of the contract of the expected type.
     *
     * @throws Refused for anything but a valid, safe document of that element
     */
    public static <T> T read(byte[] xml, Class<T> type) throws Refused {
        if (xml.length > MAX_BYTES) {
            throw new Refused("the document is larger than " + MAX_BYTES + " bytes");
        }
        XMLStreamReader reader = null;
        try {
            reader = guarded(INPUT.createXMLStreamReader(new ByteArrayInputStream(xml)));
            return read(reader, type);
        } catch (XMLStreamException e) {
            throw new Refused(notWellFormed(e));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the array
                }
            }
        }
    }

    /**
     * Reads the element the reader stands on (or the document's root), which must be the element of
     * {@code type}: a valid element of another operation is refused too.
     */
    public static <T> T read(XMLStreamReader reader, Class<T> type) throws Refused {
        String expected = elementName(type);
        try {
            if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                reader.nextTag();
            }
            if (!Wire.NS.equals(reader.getNamespaceURI()) || !expected.equals(reader.getLocalName())) {
                throw new Refused("expected a " + expected + " element of " + Wire.NS + ", not "
                        + describe(reader.getNamespaceURI(), reader.getLocalName()));
            }
            Unmarshaller u = Wire.context().createUnmarshaller();
            u.setSchema(SCHEMA);
            JAXBElement<T> element = u.unmarshal(reader, type);
            T value = element.getValue();
            if (value == null) {
                throw new Refused("expected a " + expected + " element of " + Wire.NS);
            }
            return value;
        } catch (XMLStreamException e) {
            throw new Refused(notWellFormed(e));
        } catch (JAXBException e) {
            throw new Refused(invalid(expected, e));
        }
    }

    /** The element name of a class of the contract. */
    public static String elementName(Class<?> type) {
        XmlRootElement root = type.getAnnotation(XmlRootElement.class);
        return root == null ? type.getSimpleName() : root.name();
    }

    private static String describe(String namespace, String localName) {
        String name = localName == null || localName.length() > 64 ? "an element" : localName;
        if (namespace == null || namespace.isEmpty()) {
            return name + " (in no namespace)";
        }
        return Wire.NS.equals(namespace) ? name : name + " of another namespace";
    }

    /**
     * What a peer is told about XML that does not parse: our own limits in our words, the parser's
     * complaints reduced to where they happened (its messages name its internals).
     */
    public static String notWellFormed(XMLStreamException e) {
        if (e instanceof Limit) {
            return e.getMessage();
        }
        javax.xml.stream.Location at = e.getLocation();
        return at == null || at.getLineNumber() < 0 ? "not well-formed XML"
                : "not well-formed XML (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
    }

    /** What a peer is told about an element that is not valid: the schema rule it broke, nothing of the parser. */
    private static String invalid(String element, JAXBException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
        if (cause instanceof XMLStreamException stream) {
            return notWellFormed(stream);
        }
        if (cause instanceof SAXParseException parse && parse.getMessage() != null && parse.getMessage().startsWith("cvc-")) {
            return "not a valid " + element + " (line " + parse.getLineNumber() + "): " + firstLine(parse.getMessage());
        }
        return "not a valid " + element;
    }

    /** One of our own limits, whose message is ours to send back. */
    private static final class Limit extends XMLStreamException {
        private static final long serialVersionUID = 1L;

        Limit(String message) {
            super(message);
        }
    }

    /** A reader with the limits of this codec, over any source. */
    public static XMLStreamReader newReader(java.io.InputStream in) throws XMLStreamException {
        return guarded(INPUT.createXMLStreamReader(in));
    }

    private static XMLStreamReader guarded(XMLStreamReader reader) {
        return new StreamReaderDelegate(reader) {
            private int depth;
            private int elements;

            @Override
            public int next() throws XMLStreamException {
                int event = super.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new Limit("a DOCTYPE is not allowed");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new Limit("entity references are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) {
                            throw new Limit("elements nest deeper than " + MAX_DEPTH);
                        }
                        if (++elements > MAX_ELEMENTS) {
                            throw new Limit("more than " + MAX_ELEMENTS + " elements");
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> { }
                }
                return event;
            }

            @Override
            public int nextTag() throws XMLStreamException {
                int event = next();
                while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace()
                        || event == XMLStreamConstants.CDATA && isWhiteSpace()
                        || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
                        || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                    event = next();
                }
                if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                    throw new Limit("expected an element");
                }
                return event;
            }
        };
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    private static Schema schema() {
        URL xsd = WireCodec.class.getClassLoader().getResource(Wire.XSD);
        if (xsd == null) {
            throw new ExceptionInInitializerError(Wire.XSD + " is missing");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The contract's schema, to validate against elsewhere. */
    public static Schema schemaForValidation() {
        return SCHEMA;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
