package org.universalim.federation.boundary;

import jakarta.servlet.http.HttpServletResponse;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.wire.FederationError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error shapes of the two ports, written by hand where no framework writes them: on the federation
 * port a {@code federationError} (REST) or a SOAP 1.1 fault with the {@code federationError} as detail
 * (SOAP); on the client ports the JSON error of the API. Messages are ours, never an exception's.
 */
final class FederationErrors {

    static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    /** The contract allows 500 characters of message (type {@code Text}). */
    private static final int MAX_MESSAGE = 500;

    private FederationErrors() {
    }

    /** A {@code federationError} body (the REST transport). */
    static void rest(HttpServletResponse response, int status, String code, String message) throws IOException {
        write(response, status, "application/xml; charset=UTF-8", WireCodec.write(error(code, message)));
    }

    /**
     * A SOAP 1.1 fault with the {@code federationError} detail. {@code faultCode} is {@code Client} (do not
     * retry), {@code Server} (retry), {@code VersionMismatch} or {@code MustUnderstand} (SOAP 1.1 section 4.4.1).
     */
    static void soap(HttpServletResponse response, int status, String faultCode, String code, String message) throws IOException {
        write(response, status, "text/xml; charset=UTF-8", fault(faultCode, code, message));
    }

    /** The fault as text. */
    static String fault(String faultCode, String code, String message) {
        FederationError detail = error(code, message);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP_ENVELOPE + "\"><soap:Body>"
                + "<soap:Fault><faultcode>soap:" + faultCode + "</faultcode><faultstring>" + escape(detail.message)
                + "</faultstring><detail>" + WireCodec.writeFragment(detail) + "</detail></soap:Fault></soap:Body></soap:Envelope>";
    }

    /** The JSON error of the client ports' API ({@code ErrorBody}). */
    static void client(HttpServletResponse response, int status, String error, String message) throws IOException {
        write(response, status, "application/json", "{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"fieldErrors\":[]}");
    }

    private static FederationError error(String code, String message) {
        String text = message == null ? "" : message;
        return new FederationError(code, text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text);
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (status == 413) {
            // the rest of the body is not read: the connection ends with this answer instead of draining it
            response.setHeader("Connection", "close");
        }
        response.setStatus(status);
        response.setContentType(contentType);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
