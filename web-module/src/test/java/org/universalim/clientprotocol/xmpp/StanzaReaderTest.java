package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StanzaReaderTest {

    private final StanzaReader reader = new StanzaReader();

    @Test
    void readsAStanzaWithNamespacesAttributesChildrenAndText() throws Exception {
        XmlElement m = reader.read("<message xmlns='jabber:client' to='bob@isp-a-u.example' type='chat' xml:lang='en'>"
                + "<body>a &lt; b &amp; c</body><im xmlns='urn:universal-im:message:1' application='text'/></message>");
        assertThat(m.is("message", "jabber:client")).isTrue();
        assertThat(m.attribute("to")).isEqualTo("bob@isp-a-u.example");
        assertThat(m.attribute("xml:lang")).isEqualTo("en");
        assertThat(m.childText("body", "jabber:client")).isEqualTo("a < b & c");
        assertThat(m.child("im", "urn:universal-im:message:1").attribute("application")).isEqualTo("text");
    }

    @Test
    void readsPrefixedElements() throws Exception {
        XmlElement f = reader.read("<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>");
        assertThat(f.is("features", Namespaces.STREAM)).isTrue();
    }

    @Test
    void anXmlDeclarationIsTolerated() throws Exception {
        assertThat(reader.read("<?xml version='1.0'?><open xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>").name()).isEqualTo("open");
    }

    @Test
    void aDoctypeIsRestrictedXml() {
        assertCondition("<!DOCTYPE m [<!ENTITY x 'boom'>]><message><body>&x;</body></message>", Condition.RESTRICTED_XML);
        assertCondition("<!DOCTYPE m SYSTEM 'http://127.0.0.1:1/evil.dtd'><message/>", Condition.RESTRICTED_XML);
    }

    @Test
    void anUndeclaredEntityIsRefused() {
        assertThatThrownBy(() -> reader.read("<message><body>&x;</body></message>")).isInstanceOf(XmppStreamException.class);
    }

    @Test
    void commentsAndProcessingInstructionsAreRestrictedXml() {
        assertCondition("<message><!-- hi --></message>", Condition.RESTRICTED_XML);
        assertCondition("<message><?pi data?></message>", Condition.RESTRICTED_XML);
    }

    @Test
    void badXmlIsNotWellFormed() {
        assertCondition("<message><body>unclosed</message>", Condition.NOT_WELL_FORMED);
        assertCondition("<a/><b/>", Condition.NOT_WELL_FORMED);
        assertCondition("text", Condition.NOT_WELL_FORMED);
        assertCondition("", Condition.NOT_WELL_FORMED);
        assertCondition("<message>", Condition.NOT_WELL_FORMED);
    }

    @Test
    void depthAttributesAndSizeAreBounded() {
        String deep = "<a>".repeat(StanzaReader.MAX_DEPTH + 1) + "</a>".repeat(StanzaReader.MAX_DEPTH + 1);
        assertCondition(deep, Condition.POLICY_VIOLATION);
        StringBuilder attrs = new StringBuilder("<a");
        for (int i = 0; i <= StanzaReader.MAX_ATTRIBUTES; i++) {
            attrs.append(" a").append(i).append("='x'");
        }
        assertCondition(attrs.append("/>").toString(), Condition.POLICY_VIOLATION);
        assertCondition("<a>" + "x".repeat(StanzaReader.MAX_STANZA_BYTES) + "</a>", Condition.POLICY_VIOLATION);
        // multi-byte characters count as bytes
        assertThat(new StanzaReader(10).oversized("ééééé1")).isTrue();
        assertThat(new StanzaReader(10).oversized("ééééé")).isFalse();
    }

    @Test
    void whatFollowsTheElementIsCheckedAsBefore() throws Exception {
        assertThat(reader.read("<message xmlns='jabber:client'><body>hi</body></message> \r\n\t").name()).isEqualTo("message");
        assertThat(reader.read("<r xmlns='urn:xmpp:sm:3'/>").name()).isEqualTo("r");
        assertThat(reader.read("<r xmlns='urn:xmpp:sm:3'/>  ").name()).isEqualTo("r");
        assertCondition("<message><body>hi</body></message><message/>", Condition.NOT_WELL_FORMED);
        assertCondition("<message><body>hi</body></message>trailing", Condition.NOT_WELL_FORMED);
        assertCondition("<message><body>hi</body></message><!-- c -->", Condition.RESTRICTED_XML);
        assertCondition("<message><body>hi</body></message><?pi x?>", Condition.RESTRICTED_XML);
        assertCondition("<a/><b/>", Condition.NOT_WELL_FORMED);
    }

    private void assertCondition(String frame, Condition condition) {
        assertThatThrownBy(() -> reader.read(frame)).isInstanceOf(XmppStreamException.class)
                .extracting(e -> ((XmppStreamException) e).condition()).isEqualTo(condition);
    }

    @Test
    void framesAfterABadOneOnTheSameThreadAreReadWhole() throws XmppStreamException {
        assertThatThrownBy(() -> reader.read("<message xmlns='jabber:client'><body>cut"))
                .isInstanceOf(XmppStreamException.class);
        assertThatThrownBy(() -> reader.read("<!DOCTYPE x><x/>")).isInstanceOf(XmppStreamException.class);
        for (int i = 0; i < 3; i++) {
            XmlElement m = reader.read("<message xmlns='jabber:client' to='b@isp-b.example' id='m" + i + "'><body>hello " + i
                    + "</body></message>");
            assertThat(m.attribute("id")).isEqualTo("m" + i);
            assertThat(m.childText("body", "jabber:client")).isEqualTo("hello " + i);
        }
    }
}
