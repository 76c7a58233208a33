package org.universalim.federation.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XmppStanzasTest {

    @Test
    void aMessageIsAChatInJabberServerWithEveryValueEscaped() {
        String m = XmppStanzas.message("id1", "alice@isp-a-u.example", "bob@prosody.example", "<b>&'\"");
        assertThat(m).startsWith("<message xmlns=\"jabber:server\" type=\"chat\" id=\"id1\"")
                .contains("from=\"alice@isp-a-u.example/universal\"").contains("to=\"bob@prosody.example\"")
                .contains("<body>&lt;b&gt;&amp;'\"</body>");
    }

    @Test
    void aMessageComesFromTheSendersResourceWhenItIsOneElseFromUniversal() {
        assertThat(XmppStanzas.message("i", "alice@isp-a-u.example", "Alice's phone", "bob@prosody.example", "hi", java.util.List.of()))
                .contains("from=\"alice@isp-a-u.example/Alice's phone\"");
        assertThat(XmppStanzas.resource(null)).isEqualTo("universal");
        assertThat(XmppStanzas.resource("")).isEqualTo("universal");
        assertThat(XmppStanzas.resource(" desk")).isEqualTo("universal");
        assertThat(XmppStanzas.resource("a\u0007b")).isEqualTo("universal");
        assertThat(XmppStanzas.resource("a\uD800b")).isEqualTo("universal");
        assertThat(XmppStanzas.resource("x".repeat(1024))).isEqualTo("universal");
        assertThat(XmppStanzas.resource("gajim.\uD83D\uDE00")).isEqualTo("gajim.\uD83D\uDE00");
    }

    @Test
    void anIqBetweenFullJidsCarriesItsChildrenWithItsErrorInJabberServer() throws Exception {
        org.w3c.dom.Element error = ForeignXml.moved(ForeignXml.element("<error xmlns=\"jabber:client\" type=\"cancel\">"
                + "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error>", 1_000, 4), "jabber:client", XmppStanzas.SERVER);
        String iq = XmppStanzas.iq("error", "v\"1", "alice@isp-a-u.example/desk", "bob@prosody.example/dino",
                java.util.List.of(ForeignXml.text(error, 1_000, 4)));
        assertThat(iq).startsWith("<iq xmlns=\"jabber:server\" type=\"error\" id=\"v&quot;1\"")
                .contains("from=\"alice@isp-a-u.example/desk\"").contains("to=\"bob@prosody.example/dino\"")
                .contains("<error xmlns=\"jabber:server\" type=\"cancel\"><service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error>")
                .doesNotContain("jabber:client").endsWith("</iq>");
    }

    @Test
    void presenceComesFromTheUniversalResourceWithTheShowOfTheAggregate() {
        assertThat(XmppStanzas.presence("alice@isp-a-u.example", "bob@prosody.example", true, "AWAY", "lunch"))
                .contains("from=\"alice@isp-a-u.example/universal\"").contains("<show>away</show>").contains("<status>lunch</status>")
                .doesNotContain("type=");
        assertThat(XmppStanzas.presence("alice@isp-a-u.example", "bob@prosody.example", false, "OFFLINE", null))
                .contains("type=\"unavailable\"").doesNotContain("<show>");
        assertThat(XmppStanzas.presence("a@b.example", "c@d.example", true, "READY", null)).doesNotContain("<show>");
        assertThat(XmppStanzas.state("xa")).isEqualTo("BUSY");
        assertThat(XmppStanzas.state(null)).isEqualTo("READY");
        assertThat(XmppStanzas.subscription("subscribe", "a@b.example", "c@d.example", "hi")).contains("type=\"subscribe\"")
                .contains("<status>hi</status>");
    }

    @Test
    void aClientsErrorMessageIsOfTypeErrorWithItsErrorInJabberServer() throws Exception {
        String stored = org.universalim.routing.control.MessageExtensions.errorElement("cancel",
                "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
        ExtensionsRead read = new ExtensionsRead(MessageExtensionsXml.toWire(stored));
        String m = XmppStanzas.message("e1", "alice@isp-a-u.example", "desk", "bob@prosody.example", "", read.elements());
        assertThat(m).startsWith("<message xmlns=\"jabber:server\" type=\"error\" id=\"e1\"")
                .contains("<error type=\"cancel\"><service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\">")
                .doesNotContain("jabber:client").doesNotContain("<body");
        // and a peer's error message reads back as ours
        assertThat(MessageExtensionsXml.fromWire(MessageExtensionsXml.toWire(stored)).xml()).isEqualTo(stored);
    }

    private record ExtensionsRead(org.universalim.federation.wire.ExtensionsInfo info) {
        java.util.List<org.w3c.dom.Element> elements() {
            return info.elements;
        }
    }
}
