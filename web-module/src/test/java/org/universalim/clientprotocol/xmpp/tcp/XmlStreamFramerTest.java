package org.universalim.clientprotocol.xmpp.tcp;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlStreamFramerTest {

    private static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='isp-a-u.example' version='1.0'>";

    /** Everything the framer cuts out of {@code text}, fed in pieces of {@code piece} bytes. */
    private static List<XmlStreamFramer.Frame> frames(String text, int piece) throws XmppStreamException {
        XmlStreamFramer framer = new XmlStreamFramer(200, 4, 10);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<XmlStreamFramer.Frame> out = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += piece) {
            ByteBuffer in = ByteBuffer.wrap(bytes, from, Math.min(piece, bytes.length - from));
            XmlStreamFramer.Frame f;
            while ((f = framer.next(in)) != null) {
                out.add(f);
            }
        }
        XmlStreamFramer.Frame f;
        while ((f = framer.next(ByteBuffer.allocate(0))) != null) {
            out.add(f);
        }
        return out;
    }

    private static Condition refusal(String text) {
        try {
            frames(text, 7);
        } catch (XmppStreamException e) {
            return e.condition();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void cutsTheHeaderEachTopLevelElementAndTheEndWhereverTheBytesAreSplit() throws Exception {
        String stream = "<?xml version='1.0' encoding='UTF-8'?>\n" + HEADER + " \n<auth mechanism='PLAIN'>AGE=</auth>"
                + "<presence/>   <message to='b@x' title='a > b and c/>d'><body><![CDATA[</message> ]] ]]]>é</body></message>\n"
                + "</stream:stream>";
        for (int piece = 1; piece <= stream.length(); piece++) {
            List<XmlStreamFramer.Frame> frames = frames(stream, piece);
            assertThat(frames).as("pieces of " + piece).containsExactly(
                    new XmlStreamFramer.Header(HEADER, "stream:stream"),
                    new XmlStreamFramer.Element("<auth mechanism='PLAIN'>AGE=</auth>"),
                    new XmlStreamFramer.Element("<presence/>"),
                    new XmlStreamFramer.Element("<message to='b@x' title='a > b and c/>d'><body><![CDATA[</message> ]] ]]]>é</body></message>"),
                    new XmlStreamFramer.End());
        }
    }

    @Test
    void whitespaceBetweenStanzasIsAKeepAliveAndNeverKept() throws Exception {
        assertThat(frames(HEADER + " ".repeat(10_000) + "\n\n<iq/>", 100)).hasSize(2);
    }

    @Test
    void aDoctypeACommentAProcessingInstructionOrAnEntityDeclarationIsRestricted() {
        assertThat(refusal("<!DOCTYPE x [<!ENTITY a 'b'>]>" + HEADER)).isEqualTo(Condition.RESTRICTED_XML);
        assertThat(refusal("<?xml version='1.0'?><!DOCTYPE x SYSTEM 'http://127.0.0.1/evil'>")).isEqualTo(Condition.RESTRICTED_XML);
        assertThat(refusal(HEADER + "<!-- hi -->")).isEqualTo(Condition.RESTRICTED_XML);
        assertThat(refusal(HEADER + "<message><!-- hi --></message>")).isEqualTo(Condition.RESTRICTED_XML);
        assertThat(refusal(HEADER + "<message><!DOCTYPE x></message>")).isEqualTo(Condition.RESTRICTED_XML);
        assertThat(refusal(HEADER + "<?php echo 1 ?>")).isEqualTo(Condition.RESTRICTED_XML);
        assertThat(refusal("<?xml-stylesheet href='x'?>" + HEADER)).isEqualTo(Condition.RESTRICTED_XML);
        assertThat(refusal(" " + HEADER + "<?xml version='1.0'?>")).isEqualTo(Condition.RESTRICTED_XML);
    }

    @Test
    void textOutsideStanzasAndOtherEncodingsAreNotWellFormed() {
        assertThat(refusal("GET / HTTP/1.1\r\n")).isEqualTo(Condition.NOT_WELL_FORMED);
        assertThat(refusal(HEADER + "hello")).isEqualTo(Condition.NOT_WELL_FORMED);
        assertThat(refusal("<?xml version='1.0' encoding='UTF-16'?>" + HEADER)).isEqualTo(Condition.NOT_WELL_FORMED);
        assertThat(refusal(HEADER + "</stream:other>")).isEqualTo(Condition.NOT_WELL_FORMED);
        assertThat(refusal(HEADER + "<![CDATA[x]]>")).isEqualTo(Condition.RESTRICTED_XML);
    }

    @Test
    void invalidUtf8IsNotWellFormed() {
        byte[] bad = (HEADER + "<message><body>x</body></message>").getBytes(StandardCharsets.UTF_8);
        int at = new String(bad, StandardCharsets.UTF_8).indexOf('x');
        bad[at] = (byte) 0xC3; // a lead byte without its continuation
        XmlStreamFramer framer = new XmlStreamFramer(200, 4, 10);
        ByteBuffer in = ByteBuffer.wrap(bad);
        assertThatThrownBy(() -> {
            while (framer.next(in) != null) {
                // the header first
            }
        }).isInstanceOfSatisfying(XmppStreamException.class, e -> assertThat(e.condition()).isEqualTo(Condition.NOT_WELL_FORMED));
    }

    @Test
    void anElementOverTheLimitTooDeepOrWithTooManyChildrenIsAPolicyViolationBeforeItEnds() {
        assertThat(refusal(HEADER + "<message><body>" + "x".repeat(300))).isEqualTo(Condition.POLICY_VIOLATION);
        assertThat(refusal(HEADER + "<message title='" + "x".repeat(300))).isEqualTo(Condition.POLICY_VIOLATION);
        assertThat(refusal(HEADER + "<a><b><c><d><e>")).isEqualTo(Condition.POLICY_VIOLATION);
        assertThat(refusal(HEADER + "<a>" + "<b/>".repeat(10) + "</a>")).isEqualTo(Condition.POLICY_VIOLATION);
        assertThat(refusal("<stream:stream " + "x".repeat(5000))).isEqualTo(Condition.POLICY_VIOLATION);
    }

    @Test
    void theLimitsAreThoseOfOneElementNotOfTheStream() throws Exception {
        String stanza = "<a><b><c><d/></c></b></a>";
        assertThat(frames(HEADER + (stanza + "<e>" + "x".repeat(150) + "</e>").repeat(50), 64)).hasSize(101);
    }

    @Test
    void afterAResetANewStreamIsRead() throws Exception {
        XmlStreamFramer framer = new XmlStreamFramer(200, 4, 10);
        assertThat(framer.next(ByteBuffer.wrap((HEADER + "<starttls/>").getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(XmlStreamFramer.Header.class);
        assertThat(framer.next(ByteBuffer.allocate(0))).isNull();
        framer.reset();
        ByteBuffer again = ByteBuffer.wrap(("<?xml version='1.0'?>" + HEADER + "<iq/>").getBytes(StandardCharsets.UTF_8));
        assertThat(framer.next(again)).isInstanceOf(XmlStreamFramer.Header.class);
        assertThat(framer.next(again)).isEqualTo(new XmlStreamFramer.Element("<iq/>"));
    }

    @Test
    void anEmptyStreamHeaderOpensAndEnds() throws Exception {
        assertThat(frames("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'/>", 5))
                .containsExactly(new XmlStreamFramer.Header("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'/>",
                        "stream:stream"), new XmlStreamFramer.End());
    }
}
