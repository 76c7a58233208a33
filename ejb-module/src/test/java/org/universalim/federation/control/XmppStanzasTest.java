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
        // the capabilities of the aggregate resource (XEP-0115) come with available presence only
        assertThat(XmppStanzas.presence("a@b.example", "c@d.example", true, "READY", null))
                .contains("<c xmlns=\"http://jabber.org/protocol/caps\" hash=\"sha-1\" node=\"" + XmppCaps.NODE + "\" ver=\"" + XmppCaps.VER + "\"/>");
        assertThat(XmppStanzas.presence("a@b.example", "c@d.example", false, "OFFLINE", null)).doesNotContain("caps");
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

    @Test
    void aPersonalEventIsAHeadlineFromTheOwnersBareJidWithItsPayloadInItsNamespace() throws Exception {
        org.w3c.dom.Element list = ForeignXml.element("<list xmlns=\"eu.siacs.conversations.axolotl\"><device id=\"7\"/></list>", 1_000, 4);
        assertThat(XmppStanzas.pepEvent("e1", "alice@isp-a-u.example", "bob@prosody.example/dino",
                "eu.siacs.conversations.axolotl.devicelist", "item", "current", list))
                .isEqualTo("<message xmlns=\"jabber:server\" type=\"headline\" id=\"e1\" from=\"alice@isp-a-u.example\" "
                        + "to=\"bob@prosody.example/dino\"><event xmlns=\"http://jabber.org/protocol/pubsub#event\">"
                        + "<items node=\"eu.siacs.conversations.axolotl.devicelist\"><item id=\"current\">"
                        + "<list xmlns=\"eu.siacs.conversations.axolotl\"><device id=\"7\"></device></list></item></items></event></message>");
        assertThat(XmppStanzas.pepEvent("e2", "a@b.example", "c@d.example/r", "n&", "retract", "x\"", null))
                .contains("<items node=\"n&amp;\"><retract id=\"x&quot;\"></retract></items>");
        assertThat(XmppStanzas.pepEvent("e3", "a@b.example", "c@d.example/r", "n", "purge", null, null)).contains("<purge node=\"n\"></purge>");
        assertThat(XmppStanzas.pepEvent("e4", "a@b.example", "c@d.example/r", "n", "delete", null, null)).contains("<delete node=\"n\"></delete>");
    }

    @Test
    void theCapsVerIsXep0115s() {
        // XEP-0115 section 5.2, the simple example
        assertThat(XmppCaps.ver("client/pc//Exodus 0.9.1", java.util.List.of("http://jabber.org/protocol/disco#info",
                "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps")))
                .isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
        assertThat(XmppCaps.FEATURES).contains("eu.siacs.conversations.axolotl.devicelist+notify", "urn:xmpp:avatar:metadata+notify");
    }
}
