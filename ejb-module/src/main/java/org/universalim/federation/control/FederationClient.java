package org.universalim.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.Transport;
import org.universalim.federation.wire.FederationError;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.Request;
import org.universalim.platform.tls.MutualTlsClient;
import org.universalim.platform.tls.PinnedTls;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a peer's Universal IM server over mutual TLS, by REST or by SOAP as the peer is configured, through
 * the platform's {@link MutualTlsClient} (our federation certificate, connections kept and reused); a peer
 * whose certificate is pinned is only called when it presents that certificate. A peer served by several nodes (several
 * base URLs) is called at each in turn ({@link EndpointRotation}); a call that could not reach one endpoint (no
 * connection, or no application behind it: the request was not taken) goes on to the next at once.
 */
@ApplicationScoped
public class FederationClient {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    @Inject
    FederationSettings settings;

    @Inject
    MutualTlsClient tls;

    /** Per peer domain: its endpoints in turn. */
    private final Map<String, EndpointRotation> rotations = new ConcurrentHashMap<>();

    /** Whether we have a federation certificate to call peers with. */
    public boolean configured() {
        return tls.unavailable().isEmpty();
    }

    /** Calls an operation on a peer and reads its answer. */
    public <T> T call(Peer peer, Operation op, Request request, Class<T> answerType) throws PeerFailure {
        String payload = peer.transport() == Transport.SOAP ? soapEnvelope(WireCodec.writeFragment(request))
                : WireCodec.write(request);
        return exchange(peer, op, payload, answerType);
    }

    /** Sends an already written request (from the outbox) and reads the answer. */
    public <T> T send(Peer peer, Operation op, String requestXml, Class<T> answerType) throws PeerFailure {
        String payload = peer.transport() == Transport.SOAP ? soapEnvelope(stripDeclaration(requestXml)) : requestXml;
        return exchange(peer, op, payload, answerType);
    }

    private <T> T exchange(Peer peer, Operation op, String payload, Class<T> answerType) throws PeerFailure {
        EndpointRotation rotation = rotation(peer);
        PeerFailure notTaken = null;
        for (String base : rotation.order(System.currentTimeMillis())) {
            try {
                T answer = exchange(peer, base, op, payload, answerType);
                rotation.answered(base);
                return answer;
            } catch (NotTaken e) {
                rotation.unreachable(base, System.currentTimeMillis());
                notTaken = e.failure;
            } catch (PeerFailure e) {
                if ("unreachable".equals(e.code())) {
                    rotation.unreachable(base, System.currentTimeMillis());
                } else {
                    rotation.answered(base);
                }
                throw e;
            }
        }
        throw notTaken;
    }

    private EndpointRotation rotation(Peer peer) {
        List<String> urls = peer.baseUrls();
        return rotations.compute(peer.domain(), (domain, known) ->
                known != null && known.urls().equals(urls) ? known : new EndpointRotation(urls));
    }

    /** A call one endpoint did not take (no connection, or no application behind it): the next may be tried at once. */
    private static final class NotTaken extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient PeerFailure failure;

        NotTaken(PeerFailure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private <T> T exchange(Peer peer, String base, Operation op, String payload, Class<T> answerType)
            throws PeerFailure, NotTaken {
        boolean soap = peer.transport() == Transport.SOAP;
        URI uri = URI.create(base.replaceAll("/+$", "") + (soap ? "/federation/soap" : "/federation/v1/" + op.path()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.callTimeout())
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (soap) {
            request.header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"");
        } else {
            request.header("Content-Type", "application/xml").header("Accept", "application/xml");
        }
        HttpResponse<byte[]> response;
        try {
            response = http(peer).send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            if (notPinned(e)) {
                // like an unreachable peer: what waits for it stays queued until the pin or the peer is put right
                throw new PeerFailure(false, "certificate_mismatch", "the certificate of " + peer.domain()
                        + " is not the pinned certificate (certificateSha256 of the peer)");
            }
            PeerFailure unreachable = new PeerFailure(false, "unreachable", peer.domain() + " is not reachable: " + e);
            if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
                throw new NotTaken(unreachable); // no connection: nothing was sent
            }
            throw unreachable;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure(false, "interrupted", "interrupted");
        }
        byte[] body = response.body();
        if (body.length > WireCodec.MAX_BYTES) {
            throw new PeerFailure(false, "too_large", "the answer of " + peer.domain() + " is too large");
        }
        int status = response.statusCode();
        if ((status == 404 || status == 502 || status == 503) && !contractError(soap, body)) {
            // a node whose application is not (or no longer) running, or a proxy without a node behind it
            throw new NotTaken(new PeerFailure(false, "http_" + status, peer.domain() + " answered HTTP " + status));
        }
        return soap ? readSoap(peer, status, body, answerType) : readRest(peer, status, body, answerType);
    }

    /** Whether a body is the contract's own refusal (a REST error body; SOAP refuses with a fault, under HTTP 500). */
    private static boolean contractError(boolean soap, byte[] body) {
        if (soap) {
            return false;
        }
        try {
            WireCodec.read(body, FederationError.class);
            return true;
        } catch (WireCodec.Refused notAnError) {
            return false;
        }
    }

    private static <T> T readRest(Peer peer, int status, byte[] body, Class<T> type) throws PeerFailure {
        if (status == 200) {
            try {
                return WireCodec.read(body, type);
            } catch (WireCodec.Refused e) {
                throw new PeerFailure(false, "bad_answer", peer.domain() + " answered " + e.getMessage());
            }
        }
        String code = "http_" + status;
        String message = peer.domain() + " answered HTTP " + status;
        boolean refusal = false;
        try {
            FederationError error = WireCodec.read(body, FederationError.class);
            code = error.code;
            message = peer.domain() + " refused: " + error.message;
            refusal = true;
        } catch (WireCodec.Refused notAnError) {
            // no error body: not the contract's answer (a server whose application is not up yet answers 404)
        }
        boolean permanent = refusal && status >= 400 && status < 500 && status != 408 && status != 429;
        throw new PeerFailure(permanent, code, message);
    }

    private static <T> T readSoap(Peer peer, int status, byte[] body, Class<T> type) throws PeerFailure {
        try (InputStream in = new ByteArrayInputStream(body)) {
            XMLStreamReader reader = WireCodec.newReader(in);
            boolean inBody = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (SOAP_NS.equals(reader.getNamespaceURI()) && reader.getLocalName().equals("Body")) {
                    inBody = true;
                } else if (inBody && SOAP_NS.equals(reader.getNamespaceURI()) && reader.getLocalName().equals("Fault")) {
                    throw fault(peer, reader);
                } else if (inBody) {
                    return WireCodec.read(reader, type);
                }
            }
            throw new PeerFailure(false, "bad_answer", peer.domain() + " answered HTTP " + status + " without a SOAP body");
        } catch (XMLStreamException | IOException e) {
            throw new PeerFailure(false, "bad_answer", peer.domain() + " answered malformed SOAP: " + e.getMessage());
        } catch (WireCodec.Refused e) {
            throw new PeerFailure(false, "bad_answer", peer.domain() + " answered " + e.getMessage());
        }
    }

    private static PeerFailure fault(Peer peer, XMLStreamReader reader) throws XMLStreamException {
        String faultCode = "";
        String faultString = "";
        String code = null;
        String message = null;
        int depth = 1;
        String current = null;
        while (reader.hasNext() && depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                current = reader.getLocalName();
                if (current.equals("federationError")) {
                    code = reader.getAttributeValue(null, "code");
                    message = reader.getAttributeValue(null, "message");
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                current = null;
            } else if (event == XMLStreamConstants.CHARACTERS && current != null) {
                if (current.equals("faultcode")) {
                    faultCode += reader.getText();
                } else if (current.equals("faultstring")) {
                    faultString += reader.getText();
                }
            }
        }
        boolean permanent = faultCode.endsWith("Client");
        return new PeerFailure(permanent, code != null ? code : "soap_fault",
                peer.domain() + " refused: " + (message != null ? message : faultString));
    }

    static String soapEnvelope(String fragment) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body>"
                + fragment + "</soap:Body></soap:Envelope>";
    }

    private static String stripDeclaration(String xml) {
        if (xml.startsWith("<?xml")) {
            int end = xml.indexOf("?>");
            return end < 0 ? xml : xml.substring(end + 2);
        }
        return xml;
    }

    private HttpClient http(Peer peer) throws PeerFailure {
        Optional<String> unavailable = tls.unavailable();
        if (unavailable.isPresent()) {
            throw new PeerFailure(false, "not_configured", unavailable.get());
        }
        try {
            return tls.client(peer.certificateSha256());
        } catch (IllegalStateException e) {
            throw new PeerFailure(false, "not_configured", e.getMessage());
        }
    }

    private static boolean notPinned(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PinnedTls.Mismatch || String.valueOf(t.getMessage()).contains(PinnedTls.NOT_PINNED)) {
                return true;
            }
        }
        return false;
    }
}
