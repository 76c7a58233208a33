package org.universalim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames as ejabberd and Prosody send them over RFC 7395. */
class XmlTest {

    @Test
    void featuresWithPrefixAndMechanisms() {
        String f = "<stream:features xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'>"
                + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>";
        assertEquals("stream:features", Xml.rootName(f));
        assertEquals("features", Xml.rootLocalName(f));
        assertEquals(List.of("PLAIN", "SCRAM-SHA-1"), Xml.childTexts(f, "mechanism"));
    }

    @Test
    void attributesInEitherQuoteAndNotInsideOtherNames() {
        String iq = "<iq xmlns=\"jabber:client\" xml:id='no' type=\"result\" id='bind1'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>bench1@bench.example/bench</jid></bind></iq>";
        assertEquals("bind1", Xml.rootAttribute(iq, "id"));
        assertEquals("result", Xml.rootAttribute(iq, "type"));
        assertNull(Xml.rootAttribute(iq, "from"));
        assertEquals("bench1@bench.example/bench", Xml.childText(iq, "jid"));
    }

    @Test
    void xmlDeclarationIsSkippedAndTextUnescaped() {
        String f = "<?xml version='1.0'?><open xmlns='urn:ietf:params:xml:ns:xmpp-framing' id='a&amp;b'/>";
        assertEquals("open", Xml.rootName(f));
        assertEquals("a&b", Xml.rootAttribute(f, "id"));
        assertEquals("&lt;x y=&apos;1&apos;&gt;", Xml.escape("<x y='1'>"));
        assertEquals("", Xml.childText("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", "success"));
    }
}
