package org.universalim.routing.control;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class UniversalMessageFormatTest {

    @Test
    void writesAWellFormedStanzaThatReadsBackToTheSameText() throws Exception {
        String body = "1 < 2 & \"quotes\" 'apostrophes' > \u0007 bell \uD83D\uDE00 emoji";
        String xml = UniversalMessageFormat.message("alice@isp-a-u.example", "bob@isp-a-u.example", "m-1\"", "text", 2, body);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element message = doc.getDocumentElement();
        assertThat(message.getNamespaceURI()).isEqualTo("jabber:client");
        assertThat(message.getAttribute("from")).isEqualTo("alice@isp-a-u.example");
        assertThat(message.getAttribute("id")).isEqualTo("m-1\"");
        assertThat(message.getElementsByTagName("body").item(0).getTextContent())
                .isEqualTo(body.replace('\u0007', '\uFFFD'));
        Element im = (Element) message.getElementsByTagNameNS(UniversalMessageFormat.EXTENSION_NS, "im").item(0);
        assertThat(im.getAttribute("application")).isEqualTo("text");
        assertThat(im.getAttribute("security-level")).isEqualTo("2");
    }

    @Test
    void aClientsErrorMessageIsOfTypeError() {
        String error = MessageExtensions.errorElement("modify", "<bad-request xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
        String xml = UniversalMessageFormat.message("a@x.example/p", "b@x.example", "m1", "text", 0, "", error);
        assertThat(xml).contains("type=\"error\"").contains(error).doesNotContain("<body");
        assertThat(UniversalMessageFormat.message("a@x.example/p", "b@x.example", "m1", "text", 0, "hi", null)).contains("type=\"chat\"");
    }
}
