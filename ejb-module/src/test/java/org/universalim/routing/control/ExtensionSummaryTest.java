package org.universalim.routing.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionSummaryTest {

    @Test
    void aChatStateAndAMarkerAreShown() {
        ExtensionSummary s = ExtensionSummary.of("<composing xmlns=\"http://jabber.org/protocol/chatstates\"/>"
                + "<displayed xmlns=\"urn:xmpp:chat-markers:0\" id=\"m1\"/>");
        assertThat(s).isEqualTo(new ExtensionSummary("composing", "displayed", "m1"));
    }

    @Test
    void aReceiptIsShownAsReceived() {
        assertThat(ExtensionSummary.of("<received xmlns=\"urn:xmpp:receipts\" id=\"m2\"/>"))
                .isEqualTo(new ExtensionSummary(null, "received", "m2"));
        assertThat(ExtensionSummary.of(null)).isEqualTo(new ExtensionSummary(null, null, null));
        assertThat(ExtensionSummary.of("<reactions xmlns=\"urn:xmpp:reactions:0\" id=\"m1\"><reaction>x</reaction></reactions>"))
                .isEqualTo(new ExtensionSummary(null, null, null));
    }

    @Test
    void theElementsOfAChatStateAndAMarker() {
        assertThat(ExtensionSummary.elements("paused", "displayed", "a\"b")).isEqualTo(
                "<paused xmlns=\"http://jabber.org/protocol/chatstates\"/><displayed xmlns=\"urn:xmpp:chat-markers:0\" id=\"a&quot;b\"/>");
        assertThat(ExtensionSummary.elements(null, null, null)).isNull();
        assertThatThrownBy(() -> ExtensionSummary.elements("typing", null, null)).hasMessageContaining("chatState");
        assertThatThrownBy(() -> ExtensionSummary.elements(null, "read", "m1")).hasMessageContaining("marker");
        assertThatThrownBy(() -> ExtensionSummary.elements(null, "displayed", null)).hasMessageContaining("markerFor");
    }

    @Test
    void aMarkableMessageIsToldAndWritten() {
        String xml = ExtensionSummary.elements("active", null, null, true);
        assertThat(xml).isEqualTo("<active xmlns=\"http://jabber.org/protocol/chatstates\"/><markable xmlns=\"urn:xmpp:chat-markers:0\"/>");
        assertThat(ExtensionSummary.of(xml)).isEqualTo(new ExtensionSummary("active", null, null, true, null));
    }

    @Test
    void anErrorMessageShowsItsCondition() {
        String xml = MessageExtensions.errorElement("cancel", "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
                + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\">no</text>");
        assertThat(ExtensionSummary.of(xml)).isEqualTo(new ExtensionSummary(null, null, null, false, "service-unavailable"));
    }
}
