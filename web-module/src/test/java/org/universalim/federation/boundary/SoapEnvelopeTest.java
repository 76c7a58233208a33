package org.universalim.federation.boundary;

import org.junit.jupiter.api.Test;
import org.universalim.federation.wire.Operation;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SoapEnvelopeTest {

    private static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String NS = "urn:universal-im:federation:1";

    private static byte[] envelope(String header, String body) {
        return ("<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"" + ENV + "\">" + header + "<soap:Body>" + body
                + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void takesOneValidRequestElement() throws Exception {
        assertThat(SoapEnvelope.check(envelope("", "<statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\"/>")))
                .isEqualTo(Operation.STATUS);
        assertThat(SoapEnvelope.check(envelope("<soap:Header><x xmlns=\"urn:x\">y</x></soap:Header>",
                "\n  <trackRequest xmlns=\"" + NS + "\" transactionId=\"t1\" watcher=\"a@x.example\" user=\"b@y.example\"/>\n")))
                .isEqualTo(Operation.TRACK);
    }

    @Test
    void contentTypeMustBeTextXml() {
        assertThat(SoapEnvelope.isSoap11("text/xml")).isTrue();
        assertThat(SoapEnvelope.isSoap11("Text/XML; charset=UTF-8")).isTrue();
        assertThat(SoapEnvelope.isSoap11("text/plain")).isFalse();
        assertThat(SoapEnvelope.isSoap11("application/soap+xml")).isFalse();
        assertThat(SoapEnvelope.isSoap11("text/xmlx")).isFalse();
        assertThat(SoapEnvelope.isSoap11(null)).isFalse();
    }

    @Test
    void refusesWithFaultsOfOurOwnWords() {
        assertRefused(envelope("", "<statusRequest xmlns=\"urn:evil\" transactionId=\"t1\"/>"), "Client", "invalid");
        assertRefused(envelope("", "<ack xmlns=\"" + NS + "\" transactionId=\"t1\" accepted=\"1\"/>"), "Client", "unknown_operation");
        assertRefused(envelope("", ""), "Client", "invalid");
        assertRefused(envelope("", "<statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\"/><statusRequest xmlns=\"" + NS
                + "\" transactionId=\"t2\"/>"), "Client", "invalid");
        assertRefused(envelope("", "<trackRequest xmlns=\"" + NS + "\" transactionId=\"t1\" watcher=\"NOT\" user=\"b@y.example\"/>"),
                "Client", "invalid");
        assertRefused(envelope("<soap:Header><x xmlns=\"urn:x\" soap:mustUnderstand=\"1\"/></soap:Header>",
                "<statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\"/>"), "MustUnderstand", "invalid");
        assertRefused(("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>")
                .getBytes(StandardCharsets.UTF_8), "VersionMismatch", "invalid");
        assertRefused("<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"t1\"/>".getBytes(StandardCharsets.UTF_8),
                "Client", "invalid");
        assertRefused(new byte[0], "Client", "invalid");
        assertRefused(envelope("", "<statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\">"), "Client", "invalid");
        SoapEnvelope.Refused doctype = assertRefused(("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + new String(envelope("", "<statusRequest xmlns=\"" + NS + "\" transactionId=\"&x;\"/>"), StandardCharsets.UTF_8)
                .replace("<?xml version=\"1.0\"?>", "")).getBytes(StandardCharsets.UTF_8), "Client", "invalid");
        assertThat(doctype.getMessage()).contains("DOCTYPE");
    }

    @Test
    void itsMessagesNameNoInternals() {
        SoapEnvelope.Refused broken = assertRefused(envelope("", "<statusRequest xmlns=\"" + NS + "\" transactionId=\"t1\">"),
                "Client", "invalid");
        assertThat(broken.getMessage()).startsWith("not well-formed XML").doesNotContain("ParseError").doesNotContain("row,col")
                .doesNotContainIgnoringCase("exception");
    }

    private static SoapEnvelope.Refused assertRefused(byte[] body, String faultCode, String code) {
        SoapEnvelope.Refused refused = catchThrowableOfType(() -> SoapEnvelope.check(body), SoapEnvelope.Refused.class);
        assertThat(refused).as(new String(body, StandardCharsets.UTF_8)).isNotNull();
        assertThat(refused.faultCode()).isEqualTo(faultCode);
        assertThat(refused.code()).isEqualTo(code);
        return refused;
    }

    @Test
    void textInsteadOfARequestIsRefused() {
        assertThatThrownBy(() -> SoapEnvelope.check(envelope("", "x"))).isInstanceOf(SoapEnvelope.Refused.class);
    }
}
