package org.universalim.it.xmpp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.FederationPki;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote XMPP server addressing one of our users' resources from its own domain (RFC 6120 10.5.4: a server may send
 * an IQ to a client, e.g. a XEP-0199 ping), with a raw s2s peer authenticated by certificate as {@code isp-x.example}
 * that asks for a bidirectional stream (XEP-0288): the resource gets the IQ from the server's domain and its answer
 * goes back to that server from the resource's full JID (docs/xmpp-tcp.md).
 */
class S2sServerIqIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
    }

    @Test
    void aRemoteServersPingReachesTheResourceAndItsAnswerGoesBack() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String full = alice + "@" + isp.universalDomain() + "/desktop";
        try (SmClient desktop = SmClient.bound(isp, alice, "desktop");
             RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            desktop.available();
            peer.startTls("isp-x.example", FederationPki.context("isp-x.example"));
            assertThat(peer.until("</stream:features>")).contains("<mechanism>EXTERNAL</mechanism>").contains("urn:xmpp:features:bidi");
            peer.send("<bidi xmlns='urn:xmpp:bidi'/>");
            peer.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            assertThat(peer.until("success")).contains("<success");
            peer.header("isp-x.example");
            peer.until("features");

            peer.send("<iq type='get' id='sp1' from='isp-x.example' to='" + full + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            String asked = desktop.await(f -> f.startsWith("<iq") && f.contains("id=\"sp1\""));
            assertThat(asked).contains("type=\"get\"").contains("from=\"isp-x.example\"").contains("urn:xmpp:ping");

            desktop.send("<iq xmlns='jabber:client' type='result' id='sp1' to='isp-x.example'/>");
            String answer = iq(peer, "sp1");
            assertThat(answer).contains("type=\"result\"").contains("from=\"" + full + "\"").contains("to=\"isp-x.example\"");

            // a resource connected nowhere: service-unavailable, as for a user's resource
            peer.send("<iq type='get' id='sp2' from='isp-x.example' to='" + alice + "@" + isp.universalDomain()
                    + "/nowhere'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(iq(peer, "sp2")).contains("type=\"error\"").contains("service-unavailable");
        }
    }

    /** What the peer reads up to the end of the IQ with this id (10 s at most per read). */
    private static String iq(RawS2s peer, String id) throws java.io.IOException {
        StringBuilder read = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            read.append(peer.until("</iq>"));
            int at = read.indexOf("id=\"" + id + "\"");
            if (at >= 0 && read.indexOf("</iq>", at) >= 0) {
                return read.substring(read.lastIndexOf("<iq", at));
            }
        }
        return read.toString();
    }
}
