package org.universalim.it.federation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.net.ssl.SSLSocket;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The federation port seen by a hostile or careless peer: the port split holds for every spelling of a
 * path, the SOAP transport takes only SOAP 1.1 and answers every error with a SOAP fault carrying the
 * documented {@code federationError}, a REST element must match its path, stale messages are refused,
 * and refused TLS handshakes do not flood the log.
 */
class FederationHardeningIT {

    private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String NS = "urn:universal-im:federation:1";
    /** What no error a peer or a client sees may contain: Java, parser or container internals. */
    private static final Pattern INTERNALS = Pattern.compile("(?i)(exception|\\bat (java|com|org|sun|jdk)\\.|org\\.apache|com\\.ctc"
            + "|woodstox|com\\.sun|javax\\.|jakarta\\.|\\bsun\\.|ParseError|\\[row,col\\]|SRVE\\d|CWW[A-Z]{2}\\d|unmarshal|cxf)");

    static IspServer a;
    static IspServer b;

    @BeforeAll
    static void start() {
        a = IspServer.a();
        b = IspServer.b();
        Federation.peer(b, a, "REST", false);
        Federation.peer(a, b, "REST", false);
    }

    // --- the port split, for every spelling of a path

    @ParameterizedTest
    @ValueSource(strings = {"/federation/v1/schema", "/%66ederation/v1/schema", "/%66%65%64%65ration/v1/schema",
            "/./federation/v1/schema", "/federation;x/v1/schema", "//federation/v1/schema", "/FEDERATION/v1/schema",
            "/Federation/v1/schema", "/x/../federation/v1/schema", "/%2e/federation/v1/schema", "/federation/v1/%73chema",
            "/federation/./v1/schema", "/federation/v1;a=b/schema", "/federation/v1/schema;x", "/federation%2fv1/schema",
            "/federation/v1//schema", "/%2Ffederation/v1/schema"})
    void theClientPortServesNoFederationPathHoweverSpelled(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.client(b, "GET", path, null, null);
        assertThat(answer.status()).as(path + " -> " + answer.body()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("schema");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/federation/soap", "/%66ederation/soap", "/federation;x/soap", "/./federation/soap",
            "//federation/soap", "/federation/soap;x", "/federation/%73oap"})
    void theClientPortTakesNoSoapCallHoweverSpelled(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.client(b, "POST", path, "text/xml; charset=UTF-8",
                soap("<statusRequest xmlns=\"" + NS + "\" transactionId=\"" + UUID.randomUUID() + "\"/>"));
        assertThat(answer.status()).as(path + " -> " + answer.body()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("statusResponse");
    }

    /**
     * The application's client paths (Liberty's own /health, /metrics and /openapi are outside it, and so
     * are paths with a {@code ;} before {@code ..} or a malformed escape, which Liberty refuses with its
     * own 400 before choosing an application: docs/security.md).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/index.html", "/api/v1/registrations", "/federation/../index.html", "/federation/%2e%2e/index.html",
            "/federation/v1/../../api/v1/registrations", "/federation/%2E%2E/api/v1/registrations",
            "/federation/..%2findex.html", "/federation/v1/%2e%2e/%2e%2e/index.html",
            "/federation/v1/..%5c..%5cindex.html", "/Federation/../index.html"})
    void theFederationPortServesNoClientPathHoweverSpelled(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.federation(b, "isp-a.example", "GET", path, null, null);
        assertThat(answer.status()).as(path + " -> " + answer.body()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("isp-b.example").doesNotContainPattern(INTERNALS);
        assertThat(answer.header("Content-Type")).as(path).contains("xml");
        assertThat(answer.body()).contains("federationError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/federation/..;/index.html", "/federation/;x/../index.html", "/federation/v1/%zz",
            "/api/v1/admin/peers", "/federation/v1/../../api/v1/admin/peers"})
    void whatLibertyRefusesBeforeTheApplicationIsNotServedEither(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.federation(b, "isp-a.example", "GET", path, null, null);
        assertThat(answer.status()).as(path + " -> " + answer.body()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("isp-a.example").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/federation/%69nternal/batch", "/federation/internal;x/batch", "/federation/./internal/batch",
            "/federation//internal/batch", "/federation/v1/../internal/batch"})
    void aPeerReachesNoChannelBetweenNodesHoweverSpelled(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.federation(b, "isp-a.example", "POST", path, "application/json",
                "{\"calls\":[{\"op\":\"close\",\"users\":[\"anyone\"]}]}".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(path + " -> " + answer.body()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("results").doesNotContainPattern(INTERNALS);
    }

    // --- REST: the element must be the path's

    @Test
    void aRequestElementPostedToAnotherOperationsPathIsRefusedAndChangesNothing() throws Exception {
        String bob = Users.register(b, "bob", true);
        String id = UUID.randomUUID().toString();
        HttpResponse<String> wrong = Federation.rest(b, "status", messages(bob, id, Instant.now()), "isp-a.example");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.body()).contains("federationError").contains("code=\"invalid\"").contains("statusRequest")
                .doesNotContainPattern(INTERNALS);
        HttpResponse<String> other = Federation.rest(b, "messages",
                "<statusRequest xmlns=\"" + NS + "\" transactionId=\"" + UUID.randomUUID() + "\"/>", "isp-a.example");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(400);
        assertThat(other.body()).contains("code=\"invalid\"").contains("messageBatch");
        try (LocalClient c = LocalClient.login(b, bob, "pc")) {
            c.request("ping");
            assertThat(c.received("message")).isEmpty();
        }
    }

    // --- SOAP: only SOAP 1.1, and every error a fault with the federationError detail

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "", "application/xml", "application/soap+xml; charset=utf-8", "application/json"})
    void soapTakesOnlyTextXmlAndAnythingElseChangesNothing(String contentType) throws Exception {
        String bob = Users.register(b, "bob", true);
        String id = UUID.randomUUID().toString();
        RawHttp.Answer answer = RawHttp.federation(b, "isp-a.example", "POST", "/federation/soap",
                contentType.isEmpty() ? null : contentType, soap(messagesFragment(bob, id, Instant.now())));
        assertThat(answer.status()).as(contentType + " -> " + answer.body()).isEqualTo(415);
        Fault fault = Fault.of(answer.body());
        assertThat(fault.code()).endsWith("Client");
        assertThat(fault.detailCode()).isEqualTo("unsupported_media_type");
        try (LocalClient c = LocalClient.login(b, bob, "pc")) {
            c.request("ping");
            assertThat(c.received("message")).isEmpty();
        }
    }

    @Test
    void soapTakesTextXmlWithACharset() throws Exception {
        RawHttp.Answer answer = RawHttp.federation(b, "isp-a.example", "POST", "/federation/soap", "text/xml; charset=UTF-8",
                soap("<statusRequest xmlns=\"" + NS + "\" transactionId=\"" + UUID.randomUUID() + "\"/>"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("statusResponse").contains("isp-b.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a DOCTYPE with an external entity
        "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><soap:Envelope xmlns:soap=\"" + SOAP_ENV
                + "\"><soap:Body><statusRequest xmlns=\"" + NS + "\" transactionId=\"&x;\"/></soap:Body></soap:Envelope>",
        // an entity bomb
        "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><soap:Envelope xmlns:soap=\"" + SOAP_ENV
                + "\"><soap:Body><statusRequest xmlns=\"" + NS + "\" transactionId=\"&c;\"/></soap:Body></soap:Envelope>",
        // the request element in another namespace
        "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"><soap:Body><statusRequest xmlns=\"urn:evil\" transactionId=\"t1\"/>"
                + "</soap:Body></soap:Envelope>",
        // the request element in no namespace
        "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"><soap:Body><statusRequest transactionId=\"t1\"/></soap:Body></soap:Envelope>",
        // an element that is no operation's
        "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"><soap:Body><ack xmlns=\"" + NS + "\" transactionId=\"t1\" accepted=\"1\"/>"
                + "</soap:Body></soap:Envelope>",
        // not well-formed
        "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"><soap:Body><statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\">"
                + "</soap:Body></soap:Envelope>",
        // invalid per the schema
        "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"><soap:Body><trackRequest xmlns=\"" + NS + "\" transactionId=\"t1\" "
                + "watcher=\"NOT AN ADDRESS\" user=\"x@isp-b-u.example\"/></soap:Body></soap:Envelope>",
        // no body at all
        "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"></soap:Envelope>",
        // not an envelope
        "<statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\"/>",
        // empty
        ""})
    void everySoapErrorIsAFaultWithTheFederationErrorDetail(String request) throws Exception {
        RawHttp.Answer answer = RawHttp.federation(b, "isp-a.example", "POST", "/federation/soap", "text/xml; charset=UTF-8",
                request.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(500);
        assertThat(answer.header("Content-Type")).startsWith("text/xml");
        assertThat(answer.body()).doesNotContain("root:").doesNotContain("statusResponse").doesNotContainPattern(INTERNALS);
        Fault fault = Fault.of(answer.body());
        assertThat(fault.code()).endsWith(":Client");
        assertThat(fault.detailCode()).isIn("invalid", "unknown_operation");
        assertThat(fault.detailMessage()).isNotBlank();
    }

    @Test
    void aSoap12EnvelopeIsAVersionMismatchFault() throws Exception {
        RawHttp.Answer answer = RawHttp.federation(b, "isp-a.example", "POST", "/federation/soap", "text/xml",
                ("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><statusRequest xmlns=\"" + NS
                        + "\" transactionId=\"t1\"/></env:Body></env:Envelope>").getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(500);
        assertThat(answer.body()).doesNotContainPattern(INTERNALS);
        Fault fault = Fault.of(answer.body());
        assertThat(fault.code()).endsWith(":VersionMismatch");
        assertThat(fault.detailCode()).isEqualTo("invalid");
    }

    @Test
    void theWsdlIsServedAndAnyOtherGetIsAFault() throws Exception {
        RawHttp.Answer wsdl = RawHttp.federation(b, "isp-a.example", "GET", "/federation/soap?wsdl", null, null);
        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("wsdl:definitions").contains("FederationService");
        RawHttp.Answer get = RawHttp.federation(b, "isp-a.example", "GET", "/federation/soap", null, null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(Fault.of(get.body()).detailCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void aSoapActionOfNoOperationIsIgnoredOrAFaultOfOurs() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(FederationPki.context("isp-a.example")).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(b.federationUri("/federation/soap"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml").header("SOAPAction", "\"urn:evil:nothing\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(soap("<statusRequest xmlns=\"" + NS + "\" transactionId=\""
                        + UUID.randomUUID() + "\"/>"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).doesNotContainPattern(INTERNALS);
        if (answer.statusCode() != 200) {
            assertThat(Fault.of(answer.body()).detailCode()).isNotBlank();
        }
    }

    @Test
    void anUnknownPeerOverSoapGetsAFault() throws Exception {
        RawHttp.Answer answer = RawHttp.federation(b, "isp-x.example", "POST", "/federation/soap", "text/xml",
                soap("<statusRequest xmlns=\"" + NS + "\" transactionId=\"" + UUID.randomUUID() + "\"/>"));
        assertThat(answer.status()).isEqualTo(403);
        Fault fault = Fault.of(answer.body());
        assertThat(fault.code()).endsWith(":Client");
        assertThat(fault.detailCode()).isEqualTo("unknown_peer");
    }

    @Test
    void aSoapBodyOverOneMebibyteIsAFaultWith413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] large = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(large, (byte) ' ');
        byte[] envelope = soap("<statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\"/>");
        System.arraycopy(envelope, 0, large, 0, envelope.length);
        HttpClient client = HttpClient.newBuilder().sslContext(FederationPki.context("isp-a.example")).build();
        for (HttpRequest.BodyPublisher body : List.of(HttpRequest.BodyPublishers.ofByteArray(large),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(b.federationUri("/federation/soap"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml").POST(body).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            Fault fault = Fault.of(answer.body());
            assertThat(fault.code()).endsWith(":Client");
            assertThat(fault.detailCode()).isEqualTo("too_large");
        }
    }

    // --- stale messages

    @Test
    void aMessageOlderThanTheReplayWindowIsRejectedNotDelivered() throws Exception {
        String bob = Users.register(b, "bob", true);
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        HttpResponse<String> stale = Federation.rest(b, "messages", messages(bob, old, Instant.now().minus(3, ChronoUnit.DAYS)),
                "isp-a.example");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(200);
        assertThat(stale.body()).contains("status=\"rejected\"").contains("code=\"expired\"");
        HttpResponse<String> fresh = Federation.rest(b, "messages", messages(bob, recent, Instant.now().minus(1, ChronoUnit.HOURS)),
                "isp-a.example");
        assertThat(fresh.body()).contains("status=\"accepted\"");
        try (LocalClient c = LocalClient.login(b, bob, "pc")) {
            c.awaitPush("message", f -> f.getString("messageId").equals(recent));
            c.request("ping");
            assertThat(c.received("message")).extracting(f -> f.getString("messageId")).containsExactly(recent);
        }
    }

    // --- refused TLS handshakes

    @Test
    void refusedHandshakesDoNotFloodTheLog() throws Exception {
        Path log = Path.of(System.getProperty("wlp.dir", "target/liberty/wlp"), "usr/servers", b.name(), "logs/messages.log");
        long before = Files.readAllLines(log, StandardCharsets.ISO_8859_1).size();
        for (int i = 0; i < 20; i++) {
            try (SSLSocket s = (SSLSocket) FederationPki.anonymousContext().getSocketFactory()
                    .createSocket("127.0.0.1", b.federationPort())) {
                s.setSoTimeout(5_000);
                s.startHandshake();
                s.getOutputStream().write("GET /federation/v1/schema HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                assertThat(in.read()).isEqualTo(-1);
            } catch (IOException refused) {
                // the handshake fails: that is the point
            }
        }
        // a line of ours logged after the refusals marks where the server's log has got to
        String marker = "mallory" + UUID.randomUUID().toString().substring(0, 8);
        Federation.rest(b, "presence", """
                <presenceUpdate xmlns="urn:universal-im:federation:1" transactionId="%s">
                  <presence user="%s@isp-c-u.example" aggregate="READY" available="true"/>
                </presenceUpdate>""".formatted(UUID.randomUUID(), marker), "isp-a.example");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log, StandardCharsets.ISO_8859_1).contains(marker));
        List<String> added = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        added = added.subList((int) Math.min(before, added.size()), added.size());
        long handshakeLines = added.stream().filter(l -> l.contains("CWWKO0801E") || l.contains("SSLHandshakeException")
                || l.startsWith("\tat ")).count();
        assertThat(handshakeLines).as(String.join("\n", added)).isLessThanOrEqualTo(1);
    }

    // --- helpers

    private static String messagesFragment(String bob, String id, Instant sentAt) {
        return """
                <messageBatch xmlns="urn:universal-im:federation:1" transactionId="%s">
                  <message id="%s" from="alice@isp-a-u.example" to="%s@isp-b-u.example" application="text" securityLevel="0" sentAt="%s"><body>hi</body></message>
                </messageBatch>""".formatted(UUID.randomUUID(), id, bob, sentAt.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String messages(String bob, String id, Instant sentAt) {
        return messagesFragment(bob, id, sentAt);
    }

    private static byte[] soap(String fragment) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"><soap:Body>" + fragment
                + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    /** A SOAP 1.1 fault as a peer reads it. */
    record Fault(String code, String text, String detailCode, String detailMessage) {

        static Fault of(String xml) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element envelope = doc.getDocumentElement();
            assertThat(envelope.getNamespaceURI()).as(xml).isEqualTo(SOAP_ENV);
            assertThat(envelope.getLocalName()).as(xml).isEqualTo("Envelope");
            NodeList faults = envelope.getElementsByTagNameNS(SOAP_ENV, "Fault");
            assertThat(faults.getLength()).as(xml).isEqualTo(1);
            Element fault = (Element) faults.item(0);
            String code = text(fault, "faultcode");
            String string = text(fault, "faultstring");
            NodeList errors = fault.getElementsByTagNameNS(NS, "federationError");
            assertThat(errors.getLength()).as("federationError detail in " + xml).isEqualTo(1);
            Element error = (Element) errors.item(0);
            assertThat(((Element) error.getParentNode()).getLocalName()).isEqualTo("detail");
            return new Fault(code, string, error.getAttribute("code"), error.getAttribute("message"));
        }

        private static String text(Element fault, String name) {
            NodeList nodes = fault.getElementsByTagNameNS("*", name);
            return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
        }
    }
}
