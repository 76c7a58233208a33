package org.universalim.federation.boundary;

import org.universalim.federation.control.WireCodec;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.Wire;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.Locale;

/**
 * Checks a SOAP request before the SOAP stack sees it, with the contract's hardened reader: a SOAP 1.1
 * envelope, no header the receiver must understand, and a body holding exactly one request element of
 * the contract, valid against the schema. What fails is refused with a fault of ours.
 */
final class SoapEnvelope {

    static final String SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String ENVELOPE = FederationErrors.SOAP_ENVELOPE;

    /** A request we refuse, with the SOAP fault code and the {@code federationError} to send back. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String faultCode;
        private final String code;

        Refused(String faultCode, String code, String message) {
            super(message, null, false, false);
            this.faultCode = faultCode;
            this.code = code;
        }

        String faultCode() {
            return faultCode;
        }

        String code() {
            return code;
        }
    }

    private SoapEnvelope() {
    }

    /** Whether a Content-Type is SOAP 1.1's {@code text/xml} (parameters such as the charset allowed). */
    static boolean isSoap11(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return media.equals("text/xml");
    }

    /** The operation a valid request is for. */
    static Operation check(byte[] body) throws Refused {
        try {
            XMLStreamReader reader = WireCodec.newReader(new ByteArrayInputStream(body));
            try {
                return check(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw invalid(WireCodec.notWellFormed(e));
        }
    }

    private static Operation check(XMLStreamReader reader) throws XMLStreamException, Refused {
        reader.nextTag();
        if (!"Envelope".equals(reader.getLocalName()) || !ENVELOPE.equals(reader.getNamespaceURI())) {
            if ("Envelope".equals(reader.getLocalName()) && SOAP_12.equals(reader.getNamespaceURI())) {
                throw new Refused("VersionMismatch", "invalid", "this endpoint speaks SOAP 1.1 (envelope namespace " + ENVELOPE + ")");
            }
            throw invalid("the body is not a SOAP 1.1 envelope");
        }
        reader.nextTag();
        if (isEnvelope(reader, "Header")) {
            headers(reader);
            reader.nextTag();
        }
        if (!isEnvelope(reader, "Body") || reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw invalid("the envelope has no Body");
        }
        if (reader.nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw invalid("the Body holds no request");
        }
        Operation op = operation(reader.getNamespaceURI(), reader.getLocalName());
        try {
            WireCodec.read(reader, op.request());
        } catch (WireCodec.Refused e) {
            throw invalid(e.getMessage());
        }
        if (!atEnd(reader, "Body") || reader.nextTag() != XMLStreamConstants.END_ELEMENT || !isEnvelope(reader, "Envelope")) {
            throw invalid("the Body holds more than one request");
        }
        while (reader.hasNext()) {
            reader.next(); // only comments may follow; anything else is not well-formed
        }
        return op;
    }

    private static Operation operation(String namespace, String localName) throws Refused {
        if (!Wire.NS.equals(namespace)) {
            throw invalid("the request element must be an element of " + Wire.NS);
        }
        for (Operation op : Operation.values()) {
            if (WireCodec.elementName(op.request()).equals(localName)) {
                return op;
            }
        }
        throw new Refused("Client", "unknown_operation", "no operation takes that element");
    }

    /** Skips the headers; one the receiver must understand is refused, since we understand none. */
    private static void headers(XMLStreamReader reader) throws XMLStreamException, Refused {
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String mustUnderstand = reader.getAttributeValue(ENVELOPE, "mustUnderstand");
            if ("1".equals(mustUnderstand) || "true".equals(mustUnderstand)) {
                throw new Refused("MustUnderstand", "invalid", "no header is understood here");
            }
            int depth = 1;
            while (depth > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }
    }

    /** Moves past white space to the end of the given envelope element. */
    private static boolean atEnd(XMLStreamReader reader, String name) throws XMLStreamException {
        int event = reader.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            if (event == XMLStreamConstants.END_DOCUMENT
                    || (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && !reader.isWhiteSpace()) {
                return false;
            }
            event = reader.next();
        }
        return event == XMLStreamConstants.END_ELEMENT && isEnvelope(reader, name);
    }

    private static boolean isEnvelope(XMLStreamReader reader, String name) {
        return name.equals(reader.getLocalName()) && ENVELOPE.equals(reader.getNamespaceURI());
    }

    private static Refused invalid(String message) {
        return new Refused("Client", "invalid", message);
    }
}
