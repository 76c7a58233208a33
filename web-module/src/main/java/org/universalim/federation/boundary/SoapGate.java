package org.universalim.federation.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.wire.Wire;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What stands between a peer and the SOAP stack on {@code /federation/soap}: only POSTs of
 * {@code text/xml} (SOAP 1.1; the WSDL by GET), at most {@link WireCodec#MAX_BYTES} whatever the
 * framing, an envelope checked by {@link SoapEnvelope}; and whatever error the SOAP stack would answer
 * with its own words becomes a fault of ours with the {@code federationError} detail.
 */
final class SoapGate {

    private static final Logger LOG = Logger.getLogger(SoapGate.class.getName());

    private SoapGate() {
    }

    static void pass(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String peer)
            throws IOException, ServletException {
        if ("GET".equals(request.getMethod()) && describesItself(request.getQueryString())) {
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            FederationErrors.soap(response, 405, "Client", "method_not_allowed", "requests are POSTed; the WSDL is at ?wsdl");
            return;
        }
        if (!SoapEnvelope.isSoap11(request.getContentType())) {
            FederationErrors.soap(response, 415, "Client", "unsupported_media_type", "the SOAP 1.1 transport takes text/xml");
            return;
        }
        byte[] body = readBounded(request);
        if (body == null) {
            FederationErrors.soap(response, 413, "Client", "too_large", "a request body has at most " + WireCodec.MAX_BYTES + " bytes");
            return;
        }
        try {
            SoapEnvelope.check(body);
        } catch (SoapEnvelope.Refused e) {
            LOG.fine(() -> "federation (SOAP): refused a request of " + peer + ": " + e.getMessage());
            FederationErrors.soap(response, 500, e.faultCode(), e.code(), e.getMessage());
            return;
        }
        OwnFaults answer = new OwnFaults(response);
        chain.doFilter(new Replayed(request, body), answer);
        answer.finish(peer);
    }

    /** {@code ?wsdl}, {@code ?wsdl=...} and {@code ?xsd=...}: the service describing itself. */
    private static boolean describesItself(String query) {
        if (query == null) {
            return false;
        }
        String q = query.toLowerCase(Locale.ROOT);
        return q.equals("wsdl") || q.startsWith("wsdl=") || q.startsWith("xsd=");
    }

    /** The body, or null when it is larger than the limit (declared or not). */
    private static byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > WireCodec.MAX_BYTES) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > WireCodec.MAX_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (IOException overTheLimit) {
            // the guard's bounded stream stops a body past the limit with an error
            return null;
        }
    }

    /** The request with its body read already. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), java.nio.charset.Charset.forName(charset)));
        }
    }

    /**
     * The SOAP stack's answer, held until it is complete: a fault that lacks our {@code federationError}
     * (the stack's own, in its own words) is replaced by ours, and logged with an incident id.
     */
    private static final class OwnFaults extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        private int status = 200;
        private PrintWriter writer;
        private ServletOutputStream stream;

        OwnFaults(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String message) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setContentLength(int length) {
            // the length is set when the answer is complete
        }

        @Override
        public void setContentLengthLong(long length) {
            // the length is set when the answer is complete
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() {
            // nothing leaves before the answer is complete
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void resetBuffer() {
            body.reset();
        }

        @Override
        public void reset() {
            body.reset();
            status = 200;
            super.reset();
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        body.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new IllegalStateException("the answer is buffered");
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(body, java.nio.charset.Charset.forName(charset)));
            }
            return writer;
        }

        void finish(String peer) throws IOException {
            if (writer != null) {
                writer.flush();
            }
            byte[] bytes = body.toByteArray();
            HttpServletResponse response = (HttpServletResponse) getResponse();
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (status >= 400 && !(text.contains(Wire.NS) && text.contains("federationError"))) {
                // the SOAP stack's own fault, in its own words: ours instead, its words go to the log
                String incident = UUID.randomUUID().toString();
                boolean server = status > 500 || text.contains("Server</faultcode>");
                LOG.log(Level.WARNING, "federation (SOAP): a request of {0} got the SOAP stack''s own error (HTTP {1}), answered "
                        + "with ours, incident {2}: {3}", new Object[] {peer, status, incident, faultString(text)});
                FederationErrors.soap(response, status, server ? "Server" : "Client", server ? "internal_error" : "invalid",
                        "the request could not be handled (incident " + incident + ")");
                return;
            }
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }

        private static String faultString(String text) {
            int start = text.indexOf("<faultstring>");
            int end = text.indexOf("</faultstring>");
            String s = start >= 0 && end > start ? text.substring(start + 13, end) : text;
            return s.length() > 300 ? s.substring(0, 300) : s;
        }
    }
}
