package org.universalim.clientprotocol.xmpp.s2s;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class StanzaAddressingTest {

    private static XmlElement stanza(String xml) throws XmppStreamException {
        return new StanzaReader().read(xml);
    }

    private static XmppStreamException.Condition refused(String xml) {
        try {
            StanzaAddressing.check(stanza(xml), "prosody.example", "isp-a-u.example");
        } catch (XmppStreamException e) {
            return e.condition();
        }
        throw new AssertionError("accepted: " + xml);
    }

    @Test
    void aStanzaOfTheAuthenticatedDomainForOursPasses() throws Exception {
        StanzaAddressing.Addressed a = StanzaAddressing.check(stanza("<message xmlns='jabber:server' from='bob@prosody.example/dino' "
                + "to='alice@isp-a-u.example'><body>hi</body></message>"), "prosody.example", "isp-a-u.example");
        assertThat(a.from().toString()).isEqualTo("bob@prosody.example/dino");
        assertThat(a.to().toString()).isEqualTo("alice@isp-a-u.example");
    }

    @Test
    void anotherDomainOrNoAddressOrAnotherElementEndsTheStream() {
        assertThat(refused("<message xmlns='jabber:server' from='eve@isp-b-u.example' to='alice@isp-a-u.example'/>"))
                .isEqualTo(XmppStreamException.Condition.INVALID_FROM);
        assertThat(refused("<message xmlns='jabber:server' from='bob@prosody.example' to='alice@elsewhere.example'/>"))
                .isEqualTo(XmppStreamException.Condition.HOST_UNKNOWN);
        assertThat(refused("<message xmlns='jabber:server' to='alice@isp-a-u.example'/>"))
                .isEqualTo(XmppStreamException.Condition.IMPROPER_ADDRESSING);
        assertThat(refused("<message xmlns='jabber:server' from='bob@@prosody.example' to='alice@isp-a-u.example'/>"))
                .isEqualTo(XmppStreamException.Condition.IMPROPER_ADDRESSING);
        assertThat(refused("<message xmlns='jabber:client' from='bob@prosody.example' to='alice@isp-a-u.example'/>"))
                .isEqualTo(XmppStreamException.Condition.UNSUPPORTED_STANZA_TYPE);
        assertThat(refused("<auth xmlns='jabber:server' from='bob@prosody.example' to='alice@isp-a-u.example'/>"))
                .isEqualTo(XmppStreamException.Condition.UNSUPPORTED_STANZA_TYPE);
        // servers address each other too (a ping between domains)
        assertThatCode(() -> StanzaAddressing.check(stanza("<iq xmlns='jabber:server' from='prosody.example' to='isp-a-u.example'/>"),
                "prosody.example", "isp-a-u.example")).doesNotThrowAnyException();
    }
}
