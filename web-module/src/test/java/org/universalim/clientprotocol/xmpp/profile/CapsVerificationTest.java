package org.universalim.clientprotocol.xmpp.profile;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.XmlElement;

import static org.assertj.core.api.Assertions.assertThat;

/** Entity capabilities are believed when they hash to their ver: the examples of XEP-0115 section 5. */
class CapsVerificationTest {

    private static XmlElement query(String xml) throws Exception {
        return new StanzaReader().read(xml);
    }

    @Test
    void theSimpleGenerationExample() throws Exception {
        XmlElement query = query("<query xmlns='http://jabber.org/protocol/disco#info' node='http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0='>"
                + "<identity category='client' name='Exodus 0.9.1' type='pc'/><feature var='http://jabber.org/protocol/caps'/>"
                + "<feature var='http://jabber.org/protocol/disco#info'/><feature var='http://jabber.org/protocol/disco#items'/>"
                + "<feature var='http://jabber.org/protocol/muc'/></query>");
        assertThat(CapsVerification.verificationString(query)).isEqualTo("client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<"
                + "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<");
        assertThat(CapsVerification.verifies(query, "sha-1", "QgayPKawpkPSDYmwT/WM94uAlu0=")).isTrue();
        assertThat(CapsVerification.verifies(query, "sha-1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).isFalse();
        assertThat(CapsVerification.verifies(query, "md5", "QgayPKawpkPSDYmwT/WM94uAlu0=")).isFalse();
        assertThat(CapsVerification.features(query)).contains("http://jabber.org/protocol/muc").hasSize(4);
    }

    @Test
    void theComplexGenerationExampleWithAnExtendedForm() throws Exception {
        XmlElement query = query("<query xmlns='http://jabber.org/protocol/disco#info' node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>"
                + "<identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>"
                + "<identity xml:lang='el' category='client' name='&#936; 0.11' type='pc'/>"
                + "<feature var='http://jabber.org/protocol/caps'/><feature var='http://jabber.org/protocol/disco#info'/>"
                + "<feature var='http://jabber.org/protocol/disco#items'/><feature var='http://jabber.org/protocol/muc'/>"
                + "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value>"
                + "</field><field var='ip_version'><value>ipv4</value><value>ipv6</value></field>"
                + "<field var='os'><value>Mac</value></field><field var='os_version'><value>10.5.1</value></field>"
                + "<field var='software'><value>Psi</value></field><field var='software_version'><value>0.11</value></field></x></query>");
        assertThat(CapsVerification.verifies(query, "sha-1", "q07IKJEyjvHSyhy//CH0CxmKi8w=")).isTrue();
    }

    @Test
    void anAnswerNamingAFeatureTwiceIsNotBelieved() throws Exception {
        XmlElement query = query("<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client' type='pc'/>"
                + "<feature var='urn:x+notify'/><feature var='urn:x+notify'/></query>");
        assertThat(CapsVerification.verificationString(query)).isNull();
    }
}
