package org.universalim.clientprotocol.xmpp.tcp;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamReaderTest {

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void elementsHaveTheNamespacesTheHeaderDeclared() throws Exception {
        StreamReader reader = new StreamReader(Namespaces.CLIENT);
        ByteBuffer in = bytes("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='isp-a-u.example' version='1.0' xml:lang='de'><message to='b@isp-a-u.example'><body>hi &amp; bye</body></message>"
                + "<stream:error><x/></stream:error><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AA==</auth>"
                + "</stream:stream>");
        StreamReader.Opened opened = (StreamReader.Opened) reader.next(in);
        assertThat(opened.header().to()).isEqualTo("isp-a-u.example");
        assertThat(opened.header().version()).isEqualTo("1.0");
        assertThat(opened.header().lang()).isEqualTo("de");
        StreamReader.Read message = (StreamReader.Read) reader.next(in);
        assertThat(message.element().is("message", Namespaces.CLIENT)).isTrue();
        assertThat(message.element().isStanza()).isTrue();
        assertThat(message.element().childText("body", Namespaces.CLIENT)).isEqualTo("hi & bye");
        assertThat(((StreamReader.Read) reader.next(in)).element().is("error", Namespaces.STREAM)).isTrue();
        assertThat(((StreamReader.Read) reader.next(in)).element().is("auth", Namespaces.SASL)).isTrue();
        assertThat(reader.next(in)).isInstanceOf(StreamReader.Closed.class);
    }

    @Test
    void aStreamOfAnotherNamespaceIsInvalidNamespace() {
        assertThat(refusal("<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"))
                .isEqualTo(Condition.INVALID_NAMESPACE);
        assertThat(refusal("<stream:stream xmlns='jabber:client' xmlns:stream='urn:example:streams' version='1.0'>"))
                .isEqualTo(Condition.INVALID_NAMESPACE);
        assertThat(refusal("<stream xmlns='jabber:client' version='1.0'>")).isEqualTo(Condition.INVALID_NAMESPACE);
    }

    @Test
    void anEntityReferenceInAStanzaIsRefusedLikeOverWebSocket() {
        assertThat(refusal("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                + "<message><body>&xxe;</body></message>")).isIn(Condition.RESTRICTED_XML, Condition.NOT_WELL_FORMED);
        assertThat(refusal("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                + "<message><body>x</bodx></message>")).isEqualTo(Condition.NOT_WELL_FORMED);
    }

    private static Condition refusal(String text) {
        StreamReader reader = new StreamReader(Namespaces.CLIENT);
        ByteBuffer in = bytes(text);
        try {
            while (reader.next(in) != null) {
                // on
            }
        } catch (XmppStreamException e) {
            return e.condition();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void aRestartReadsANewHeader() throws Exception {
        StreamReader reader = new StreamReader(Namespaces.CLIENT);
        String header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
        ByteBuffer in = bytes(header + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(reader.next(in)).isInstanceOf(StreamReader.Opened.class);
        assertThat(reader.next(in)).isInstanceOf(StreamReader.Read.class);
        reader.restart();
        assertThat(reader.next(bytes("<?xml version='1.0'?>" + header))).isInstanceOf(StreamReader.Opened.class);
        assertThatThrownBy(() -> new StreamReader(Namespaces.CLIENT).next(bytes("<iq/>")))
                .isInstanceOf(XmppStreamException.class);
    }
}
