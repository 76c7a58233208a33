package org.universalim.federation.control;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XML of other namespaces carried by the contract: read and written within bounds, only elements, attributes and text. */
class ForeignXmlTest {

    private static final String BUNDLE = "<bundle xmlns=\"eu.siacs.conversations.axolotl\"><signedPreKeyPublic signedPreKeyId=\"1\">BQ==</signedPreKeyPublic>"
            + "<prekeys><preKeyPublic preKeyId=\"1\">BQ==</preKeyPublic></prekeys></bundle>";

    @Test
    void aPayloadReadsAndWritesBackTheSame() throws Exception {
        Element e = ForeignXml.element(BUNDLE, 10_000, 8);
        assertThat(e.getNamespaceURI()).isEqualTo("eu.siacs.conversations.axolotl");
        assertThat(ForeignXml.text(e, 10_000, 8)).isEqualTo(BUNDLE);
    }

    @Test
    void namespacesAreDeclaredWhereTheyChangeAndPrefixesGo() throws Exception {
        String xml = "<a:card xmlns:a='urn:example:a' xmlns:b='urn:example:b' xml:lang='en' kind='x &amp; y'>"
                + "<b:photo size='2'>AA==</b:photo><a:name>Ann &lt;3</a:name><plain xmlns=''/></a:card>";
        assertThat(ForeignXml.text(ForeignXml.element(xml, 10_000, 8), 10_000, 8)).isEqualTo("<card xmlns=\"urn:example:a\" "
                + "kind=\"x &amp; y\" xml:lang=\"en\"><photo xmlns=\"urn:example:b\" size=\"2\">AA==</photo><name>Ann &lt;3</name>"
                + "<plain xmlns=\"\"/></card>");
    }

    @Test
    void whatIsNotOneBoundedElementIsRefused() {
        assertThatThrownBy(() -> ForeignXml.element("<!DOCTYPE x [<!ENTITY e 'boom'>]><x xmlns='urn:x'>&e;</x>", 10_000, 8))
                .isInstanceOf(ForeignXml.Refused.class);
        assertThatThrownBy(() -> ForeignXml.element("<x xmlns='urn:x'><!-- hidden --></x>", 10_000, 8))
                .isInstanceOf(ForeignXml.Refused.class).hasMessageContaining("only elements");
        assertThatThrownBy(() -> ForeignXml.element("<x xmlns='urn:x'><?pi data?></x>", 10_000, 8))
                .isInstanceOf(ForeignXml.Refused.class);
        assertThatThrownBy(() -> ForeignXml.element("<x/>", 10_000, 8)).isInstanceOf(ForeignXml.Refused.class)
                .hasMessageContaining("no namespace");
        assertThatThrownBy(() -> ForeignXml.element("<x xmlns='urn:x'/><y xmlns='urn:x'/>", 10_000, 8))
                .isInstanceOf(ForeignXml.Refused.class);
        assertThatThrownBy(() -> ForeignXml.element("<x xmlns='urn:x'>" + "<y>".repeat(8) + "</y>".repeat(8) + "</x>", 10_000, 8))
                .isInstanceOf(ForeignXml.Refused.class).hasMessageContaining("deeper");
        assertThatThrownBy(() -> ForeignXml.element("<x xmlns='urn:x'>" + "a".repeat(2000) + "</x>", 1000, 8))
                .isInstanceOf(ForeignXml.Refused.class).hasMessageContaining("larger");
    }

    @Test
    void aPeersElementIsCheckedAgainOnTheWayOut() throws Exception {
        Element deep = ForeignXml.element("<x xmlns='urn:x'>" + "<y>".repeat(5) + "</y>".repeat(5) + "</x>", 10_000, 8);
        assertThat(ForeignXml.text(deep, 10_000, 6)).startsWith("<x xmlns=\"urn:x\">");
        assertThatThrownBy(() -> ForeignXml.text(deep, 10_000, 5)).isInstanceOf(ForeignXml.Refused.class);
        Element big = ForeignXml.element("<x xmlns='urn:x'>" + "a".repeat(2000) + "</x>", 10_000, 8);
        assertThatThrownBy(() -> ForeignXml.text(big, 1000, 8)).isInstanceOf(ForeignXml.Refused.class);
    }
}
