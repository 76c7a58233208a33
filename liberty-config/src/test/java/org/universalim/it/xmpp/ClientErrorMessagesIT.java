package org.universalim.it.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's own {@code type="error"} messages (RFC 6120 8.3, RFC 6121 8.5: a client answering a message it cannot
 * handle, as Smack and Conversations do for undecryptable payloads) reach their addressee like other messages, within an
 * ISP and across ISPs, with the client's id and error (to a full JID; one to a bare JID is ignored, RFC 6121 8.5.2.1.1);
 * they never make an error in return (RFC 6120 8.3.1), are not kept
 * offline or in the archive, and are not copied to other resources (XEP-0280 section 6).
 */
class ClientErrorMessagesIT {

    private static final String CARBONS = "urn:xmpp:carbons:2";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private static String error(String to, String id) {
        return "<message xmlns='jabber:client' type='error' to='" + to + "' id='" + id + "'>"
                + "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='7'/></encrypted>"
                + "<error type='cancel'><service-unavailable xmlns='" + STANZAS + "'/>"
                + "<text xmlns='" + STANZAS + "'>cannot decrypt</text></error></message>";
    }

    @Test
    void anErrorReachesItsAddresseeAndNothingComesBackOrIsKeptOrCopied() {
        IspServer a = IspServer.a();
        String ana = Users.register(a, "ana", true);
        String ben = Users.register(a, "ben", true);
        String cat = Users.register(a, "cat", true);
        String anaJid = ana + "@isp-a-u.example";
        String benJid = ben + "@isp-a-u.example";
        String catJid = cat + "@isp-a-u.example";
        try (RawXmppClient x = RawXmppClient.loggedIn(a, ana, Users.PASSWORD, "laptop");
             RawXmppClient y = RawXmppClient.loggedIn(a, ben, Users.PASSWORD, "pc");
             RawXmppClient tab = RawXmppClient.loggedIn(a, ben, Users.PASSWORD, "tab")) {
            x.send("<presence xmlns='jabber:client'/>");
            y.send("<presence xmlns='jabber:client'/>");
            tab.send("<iq xmlns='jabber:client' type='set' id='carbons'><enable xmlns='" + CARBONS + "'/></iq>");
            tab.next(f -> f.contains("id=\"carbons\""));
            tab.send("<presence xmlns='jabber:client'><priority>-1</priority></presence>");

            // ben's client answers a message of ana's it cannot read: ana gets the error, from ben's resource, with its id;
            // one to her bare JID is ignored (RFC 6121 8.5.2.1.1)
            y.send(error(anaJid, "ana-6"));
            y.send(error(anaJid + "/laptop", "ana-7"));
            String got = x.next(f -> f.startsWith("<message") && f.contains("ana-7"));
            assertThat(RawXmppClient.attribute(got, "type")).isEqualTo("error");
            assertThat(RawXmppClient.attribute(got, "from")).isEqualTo(benJid + "/pc");
            assertThat(got).contains("<service-unavailable").contains(STANZAS).contains("cannot decrypt");
            assertThat(x.frames()).noneMatch(f -> f.contains("ana-6"));

            // an error to nobody and to a user with no device: nothing comes back (no error for an error), and the
            // chat message sent after it to nobody is answered, so the error's answer would have come first
            y.send(error("nobody-" + ben + "@isp-a-u.example/x", "err-1"));
            y.send(error(catJid + "/phone", "err-2"));
            y.send("<message xmlns='jabber:client' type='chat' to='nobody-" + ben + "@isp-a-u.example' id='chat-1'><body>hi</body></message>");
            y.next(f -> f.contains("id=\"chat-1\"") && f.contains("type=\"error\""));
            assertThat(y.frames()).noneMatch(f -> f.contains("err-1") || f.contains("err-2"));
            // no carbon of the error to ben's other resource
            roundTrip(tab);
            assertThat(tab.frames()).noneMatch(f -> f.contains("ana-7"));

            // neither archived for ana nor ben
            x.send("<iq xmlns='jabber:client' type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='f1'/></iq>");
            x.next(f -> f.contains("id=\"q1\"") && f.contains("<fin"));
            assertThat(x.frames()).filteredOn(f -> f.contains("queryid=\"f1\"")).noneMatch(f -> f.contains("ana-7"));
        }
        // nor stored offline for the user who had no device
        try (RawXmppClient z = RawXmppClient.loggedIn(a, cat, Users.PASSWORD, "phone")) {
            z.send("<presence xmlns='jabber:client'/>");
            roundTrip(z);
            z.send("<iq xmlns='jabber:client' type='set' id='q2'><query xmlns='urn:xmpp:mam:2' queryid='f2'/></iq>");
            z.next(f -> f.contains("id=\"q2\"") && f.contains("<fin"));
            assertThat(z.frames()).noneMatch(f -> f.contains("err-2"));
        }
    }

    @Test
    void anErrorCrossesIspsAndOneThatFailsThereComesNotBack() {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(a, b, "REST", false);
        Federation.peer(b, a, "REST", false);
        String ada = Users.register(a, "ada", true);
        String bea = Users.register(b, "bea", true);
        String adaJid = ada + "@isp-a-u.example";
        String beaJid = bea + "@isp-b-u.example";
        try (RawXmppClient x = RawXmppClient.loggedIn(a, ada, Users.PASSWORD, "laptop");
             RawXmppClient y = RawXmppClient.loggedIn(b, bea, Users.PASSWORD, "phone")) {
            x.send("<presence xmlns='jabber:client'/>");
            y.send("<presence xmlns='jabber:client'/>");
            y.send(error(adaJid + "/laptop", "ada-1"));
            String got = x.next(f -> f.startsWith("<message") && f.contains("ada-1"));
            assertThat(RawXmppClient.attribute(got, "type")).isEqualTo("error");
            assertThat(RawXmppClient.attribute(got, "from")).isEqualTo(beaJid + "/phone");
            assertThat(got).contains("<service-unavailable").contains("cannot decrypt");

            // refused by ISP A (no such user): no error comes back for the error, though it does for a chat message after it
            String nobody = "nobody-" + ada + "@isp-a-u.example";
            y.send(error(nobody + "/x", "err-3"));
            y.send("<message xmlns='jabber:client' type='chat' to='" + nobody + "' id='chat-3'><body>hi</body></message>");
            y.next(f -> f.contains("id=\"chat-3\"") && f.contains("type=\"error\""));
            assertThat(y.frames()).noneMatch(f -> f.contains("err-3"));
        }
    }

    private static void roundTrip(RawXmppClient c) {
        String id = "ping-" + System.nanoTime();
        c.send("<iq xmlns='jabber:client' type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        c.next(f -> f.contains("id=\"" + id + "\"") || f.contains("id='" + id + "'"));
    }
}
