package org.universalim.it.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An XMPP client gives a message its own id with XEP-0359 {@code <origin-id/>}: a client whose stream went before the
 * server acknowledged a message sends it again on its next stream with the same origin-id, and it is the same message,
 * shown once (issue 14: resends are idempotent). Another account's origin-id never matches.
 */
class OriginIdIT {

    @Test
    void aMessageSentAgainWithItsOriginIdOnANewStreamIsShownOnce() {
        IspServer a = IspServer.a();
        String uma = Users.register(a, "uma", true);
        String vic = Users.register(a, "vic", true);
        String to = vic + "@isp-a-u.example";
        try (LocalClient v = LocalClient.login(a, vic, "pc")) {
            try (RawXmppClient u = RawXmppClient.loggedIn(a, uma, Users.PASSWORD, "phone")) {
                u.send(message(to, "m1", "said once", "uma-phone-1"));
                roundTrip(u);
            }
            // the stream went before the client saw its message acknowledged: it sends it again on a new one
            try (RawXmppClient u = RawXmppClient.loggedIn(a, uma, Users.PASSWORD, "phone")) {
                u.send(message(to, "m1", "said once", "uma-phone-1"));
                u.send(message(to, "m2", "and then", "uma-phone-2"));
                roundTrip(u);
            }
            // per sender and recipient order: a second "said once" would have come before "and then"
            v.await(f -> f.getString("type").equals("message") && text(f).contains("and then"));
            v.request("ping");
            assertThat(v.received("message")).extracting(OriginIdIT::text).hasSize(2)
                    .satisfiesExactly(first -> assertThat(first).contains("said once"), second -> assertThat(second).contains("and then"));
        }
    }

    @Test
    void theSameOriginIdFromAnotherAccountIsAnotherMessage() {
        IspServer a = IspServer.a();
        String wes = Users.register(a, "wes", true);
        String xan = Users.register(a, "xan", true);
        String yva = Users.register(a, "yva", true);
        String to = yva + "@isp-a-u.example";
        try (LocalClient y = LocalClient.login(a, yva, "pc");
             RawXmppClient w = RawXmppClient.loggedIn(a, wes, Users.PASSWORD, "phone");
             RawXmppClient x = RawXmppClient.loggedIn(a, xan, Users.PASSWORD, "phone")) {
            w.send(message(to, "s1", "from wes", "shared-origin-id"));
            roundTrip(w);
            x.send(message(to, "s1", "from xan", "shared-origin-id"));
            y.await(f -> f.getString("type").equals("message") && text(f).contains("from xan"));
            assertThat(y.received("message")).extracting(OriginIdIT::text).hasSize(2)
                    .anySatisfy(t -> assertThat(t).contains("from wes")).anySatisfy(t -> assertThat(t).contains("from xan"));
        }
    }

    /** What the message says: between universal users it comes in the universal XML format (R9). */
    private static String text(jakarta.json.JsonObject f) {
        return f.containsKey("body") ? f.getString("body") : f.getString("xml");
    }

    private static String message(String to, String stanzaId, String body, String originId) {
        return "<message xmlns='jabber:client' type='chat' to='" + to + "' id='" + stanzaId + "'><body>" + body + "</body>"
                + "<origin-id xmlns='urn:xmpp:sid:0' id='" + originId + "'/></message>";
    }

    private static void roundTrip(RawXmppClient c) {
        String id = "ping-" + System.nanoTime();
        c.send("<iq xmlns='jabber:client' type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        c.next(f -> f.contains("id=\"" + id + "\"") || f.contains("id='" + id + "'"));
    }
}
