package org.universalim.it.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.it.xmpp.CarbonsIT.copy;
import static org.universalim.it.xmpp.CarbonsIT.direct;
import static org.universalim.it.xmpp.CarbonsIT.forwarded;

/**
 * The ids inside carbons and archive results are the sending client's (XEP-0359, XEP-0313 section 5.1.2, XEP-0280): the
 * forwarded message carries the client's own {@code id} and {@code <origin-id/>} as sent, and the archive's
 * {@code <stanza-id by='user'/>}, while a result's {@code id} stays the archive id. A correction and a reaction read back
 * from the archive by a second client refer to the message they were written for.
 */
class ArchivedIdsIT {

    @Test
    void carbonsAndArchiveResultsShowTheClientsIdsAndTheArchiveIds() {
        IspServer isp = IspServer.a();
        String ann = Users.register(isp, "ann", true);
        String ben = Users.register(isp, "ben", true);
        String annJid = ann + "@" + isp.universalDomain();
        String benJid = ben + "@" + isp.universalDomain();
        try (RawXmppClient laptop = RawXmppClient.loggedIn(isp, ann, Users.PASSWORD, "laptop");
             RawXmppClient phone = RawXmppClient.loggedIn(isp, ann, Users.PASSWORD, "phone");
             RawXmppClient b = RawXmppClient.loggedIn(isp, ben, Users.PASSWORD, "pc")) {
            phone.send("<iq xmlns='jabber:client' type='set' id='carbons'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
            phone.next(f -> f.contains("id=\"carbons\""));
            for (RawXmppClient c : List.of(laptop, phone, b)) {
                c.send("<presence xmlns='jabber:client'/>");
            }
            laptop.send("<message xmlns='jabber:client' type='chat' to='" + benJid + "' id='ann-1'><body>helo</body>"
                    + "<origin-id xmlns='urn:xmpp:sid:0' id='ann-origin-1'/></message>");
            laptop.send("<message xmlns='jabber:client' type='chat' to='" + benJid + "' id='ann-2'><body>hello</body>"
                    + "<replace xmlns='urn:xmpp:message-correct:0' id='ann-1'/><origin-id xmlns='urn:xmpp:sid:0' id='ann-origin-2'/></message>");
            b.next(direct("ann-2"));
            b.send("<message xmlns='jabber:client' type='chat' to='" + annJid + "' id='ben-1'>"
                    + "<reactions xmlns='urn:xmpp:reactions:0' id='ann-1'><reaction>\uD83D\uDC4D</reaction></reactions></message>");

            // the carbon of the first message: the laptop's id and origin-id, the archive's stanza-id
            String carbon = forwarded(phone.next(copy("sent", "ann-1")));
            assertThat(carbon).contains("<origin-id xmlns=\"urn:xmpp:sid:0\" id=\"ann-origin-1\"")
                    .contains("<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"" + annJid + "\"");
            phone.next(copy("sent", "ann-2"));

            // a second client of ann reads the archive: three results, each with the client's id and the archive id
            try (RawXmppClient tablet = RawXmppClient.loggedIn(isp, ann, Users.PASSWORD, "tablet")) {
                tablet.send("<iq xmlns='jabber:client' type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='all'/></iq>");
                String helo = tablet.next(f -> f.contains("queryid=\"all\""));
                String hello = tablet.next(f -> f.contains("queryid=\"all\""));
                String reaction = tablet.next(f -> f.contains("queryid=\"all\""));
                tablet.next(f -> f.contains("id=\"q1\"") && f.contains("<fin"));

                String heloArchiveId = resultId(helo);
                assertThat(heloArchiveId).isNotEqualTo("ann-1");
                assertThat(RawXmppClient.attribute(forwarded(helo), "id")).isEqualTo("ann-1");
                assertThat(forwarded(helo)).contains("<body>helo</body>").contains("from=\"" + annJid + "/laptop\"")
                        .contains("<origin-id xmlns=\"urn:xmpp:sid:0\" id=\"ann-origin-1\"")
                        .contains("<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"" + annJid + "\" id=\"" + heloArchiveId + "\"");

                assertThat(RawXmppClient.attribute(forwarded(hello), "id")).isEqualTo("ann-2");
                assertThat(forwarded(hello)).contains("<replace xmlns=\"urn:xmpp:message-correct:0\" id=\"ann-1\"")
                        .contains("<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"" + annJid + "\" id=\"" + resultId(hello) + "\"");

                // ben's reaction refers to ann's id, which the archive shows for her first message
                assertThat(RawXmppClient.attribute(forwarded(reaction), "id")).isEqualTo("ben-1");
                assertThat(forwarded(reaction)).contains("from=\"" + benJid + "/pc\"")
                        .contains("<reactions xmlns=\"urn:xmpp:reactions:0\" id=\"ann-1\"").doesNotContain("<body");
            }

            // ben's archive: the same messages with the stanza-ids by ben
            b.send("<iq xmlns='jabber:client' type='set' id='q2'><query xmlns='urn:xmpp:mam:2' queryid='ben'/></iq>");
            String first = b.next(f -> f.contains("queryid=\"ben\""));
            assertThat(RawXmppClient.attribute(forwarded(first), "id")).isEqualTo("ann-1");
            assertThat(forwarded(first)).contains("<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"" + benJid + "\" id=\"" + resultId(first) + "\"");
        }
    }

    /** The archive id of a result message (its {@code <result id/>}). */
    private static String resultId(String frame) {
        return RawXmppClient.attribute(frame.substring(frame.indexOf("<result")).replace("queryid=", "q="), "id");
    }
}
