package org.universalim.federation.control;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.universalim.federation.wire.Wire;
import org.xml.sax.SAXException;

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
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new Refused("not a valid " + element.getClass().getSimpleName() + ": " + firstLine(String.valueOf(cause.getMessage())));
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
            throw new Refused("not well-formed XML: " + firstLine(e.getMessage()));
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

    /** Reads the element the reader stands on (or the document's root). */
    public static <T> T read(XMLStreamReader reader, Class<T> type) throws Refused {
        try {
            Unmarshaller u = Wire.context().createUnmarshaller();
            u.setSchema(SCHEMA);
            JAXBElement<T> element = u.unmarshal(reader, type);
            T value = element.getValue();
            if (value == null || !element.getName().getNamespaceURI().equals(Wire.NS)) {
                throw new Refused("expected an element of " + Wire.NS);
            }
            return value;
        } catch (JAXBException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause() != null ? e.getCause() : e;
            throw new Refused("not a valid " + type.getSimpleName() + ": " + firstLine(String.valueOf(cause.getMessage())));
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
                    case XMLStreamConstants.DTD -> throw new XMLStreamException("a DOCTYPE is not allowed");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException("entity references are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) {
                            throw new XMLStreamException("elements nest deeper than " + MAX_DEPTH);
                        }
                        if (++elements > MAX_ELEMENTS) {
                            throw new XMLStreamException("more than " + MAX_ELEMENTS + " elements");
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
                    throw new XMLStreamException("expected an element");
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
