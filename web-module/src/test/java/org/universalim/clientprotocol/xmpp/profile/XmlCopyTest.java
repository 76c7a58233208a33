package org.universalim.clientprotocol.xmpp.profile;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.StanzaReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client sent, written back as XML to keep: namespaces declared where they change, escaped, bounded. */
class XmlCopyTest {

    @Test
    void aPayloadIsWrittenWithItsNamespaces() throws Exception {
        String iq = "<iq xmlns='jabber:client' type='set' id='p'><item><conference xmlns='urn:xmpp:bookmarks:1' name='Tea &amp; &lt;cake&gt;' "
                + "autojoin='true'>\n  <nick>ally</nick>\n  <extensions><state xmlns='urn:example:state'>x</state></extensions>\n"
                + "</conference></item></iq>";
        var payload = new StanzaReader().read(iq).children().get(0).children().get(0);
        assertThat(XmlCopy.of(payload)).isEqualTo("<conference xmlns=\"urn:xmpp:bookmarks:1\" name=\"Tea &amp; &lt;cake&gt;\" "
                + "autojoin=\"true\"><nick>ally</nick><extensions><state xmlns=\"urn:example:state\">x</state></extensions></conference>");
    }

    @Test
    void depthAndSizeAreBounded() throws Exception {
        var deep = new StanzaReader().read("<a xmlns='urn:x'><b><c><d/></c></b></a>");
        assertThat(XmlCopy.depth(deep)).isEqualTo(4);
        assertThat(XmlCopy.of(deep, 4, 1000)).isEqualTo("<a xmlns=\"urn:x\"><b><c><d/></c></b></a>");
        assertThatThrownBy(() -> XmlCopy.of(deep, 3, 1000)).isInstanceOf(XmlCopy.TooLarge.class);
        assertThatThrownBy(() -> XmlCopy.of(deep, 4, 20)).isInstanceOf(XmlCopy.TooLarge.class);
    }
}
