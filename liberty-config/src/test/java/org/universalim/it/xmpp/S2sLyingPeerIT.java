package org.universalim.it.xmpp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote servers that lie, on the s2s port with raw sockets (RFC 6120 13.7, 4.9.3.9): a server with a certificate of the
 * test CA for {@code isp-x.example} authenticates as that domain, then sends a stanza from another domain: the stream
 * ends with {@code invalid-from} and nothing of it is delivered; the same certificate with another domain in the stream
 * header gets no SASL EXTERNAL; and stanzas before authentication end the stream.
 */
class S2sLyingPeerIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
    }

    @Test
    void aStanzaFromAnotherDomainThanTheAuthenticatedOneEndsTheStreamWithInvalidFrom() throws Exception {
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.startTls("isp-x.example", FederationPki.context("isp-x.example"));
            assertThat(peer.until("</stream:features>")).contains("<mechanism>EXTERNAL</mechanism>");
            peer.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            assertThat(peer.until("success")).contains("<success");
            peer.header("isp-x.example");
            peer.until("features");
            peer.send("<message from='eve@isp-b-u.example' to='nobody@" + isp.universalDomain() + "' type='chat'><body>trust me</body></message>");
            String answer = peer.until("</stream:stream>");
            assertThat(answer).contains("<invalid-from xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"");
            assertThat(answer).doesNotContain("Exception");
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheClaimedDomainGetsNoSaslExternal() throws Exception {
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.startTls("isp-b-u.example", FederationPki.context("isp-x.example"));
            String features = peer.until("</stream:features>");
            assertThat(features).contains("mechanisms").doesNotContain("EXTERNAL");
            peer.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            assertThat(peer.until("</stream:stream>")).contains("<not-authorized");
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void stanzasBeforeTlsAreRefused() throws Exception {
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.header("isp-x.example");
            assertThat(peer.until("</stream:features>")).contains("<required/>");
            peer.send("<message from='eve@isp-x.example' to='nobody@" + isp.universalDomain() + "'><body>in the clear</body></message>");
            assertThat(peer.until("</stream:stream>")).contains("<not-authorized");
            assertThat(peer.closedByServer()).isTrue();
        }
    }
}
