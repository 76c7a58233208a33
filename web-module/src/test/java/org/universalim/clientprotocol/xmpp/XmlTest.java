package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XmlTest {

    @Test
    void printsElementsWithEscapedValues() {
        String xml = Xml.element("iq", "jabber:client").attr("type", "result").attr("id", "a\"<b").attr("to", null)
                .child(Xml.element("query", "jabber:iq:roster").child(Xml.element("item").attr("jid", "x@y").childText("group", "R&D")))
                .toString();
        assertThat(xml).isEqualTo("<iq xmlns=\"jabber:client\" type=\"result\" id=\"a&quot;&lt;b\"><query xmlns=\"jabber:iq:roster\">"
                + "<item jid=\"x@y\"><group>R&amp;D</group></item></query></iq>");
    }

    @Test
    void whatItPrintsReadsBack() throws Exception {
        String xml = Xml.element("message", "jabber:client").attr("to", "a@b").childText("body", "<&>\"'").toString();
        assertThat(new StanzaReader().read(xml).childText("body", "jabber:client")).isEqualTo("<&>\"'");
    }
}
