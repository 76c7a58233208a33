package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat states (XEP-0085) are kept nowhere: once delivered or dropped they leave no row in the history, so a burst of them
 * shows neither in the archive (XEP-0313), nor in the Local protocol's {@code history.get}, nor in the user's data export
 * (which lists every message row of the user). Over XMPP and the Local protocol, to a connected user and to one with no
 * device; the messages with a body around them are kept and arrive in order.
 */
class TransientRowsIT {

    @Test
    void aBurstOfChatStatesLeavesNoRowsBehind() {
        IspServer isp = IspServer.a();
        String kai = Users.register(isp, "kai", true);
        String lia = Users.register(isp, "lia", true);
        String mo = Users.register(isp, "mo", true);
        String kaiJid = kai + "@" + isp.universalDomain();
        String liaJid = lia + "@" + isp.universalDomain();
        String moJid = mo + "@" + isp.universalDomain();
        try (RawXmppClient k = RawXmppClient.loggedIn(isp, kai, Users.PASSWORD, "laptop");
             LocalClient l = LocalClient.login(isp, lia, "pc")) {
            k.send("<presence xmlns='jabber:client'/>");
            k.send("<message xmlns='jabber:client' type='chat' to='" + liaJid + "' id='k-0'><body>first</body></message>");
            for (int i = 1; i <= 12; i++) {
                String state = i % 3 == 0 ? "paused" : i % 3 == 1 ? "composing" : "active";
                String origin = i % 2 == 0 ? "<origin-id xmlns='urn:xmpp:sid:0' id='ko-" + i + "'/>" : "";
                k.send("<message xmlns='jabber:client' type='chat' to='" + liaJid + "' id='k-" + i + "'><" + state
                        + " xmlns='http://jabber.org/protocol/chatstates'/>" + origin + "</message>");
                l.request("message.send", Json.createObjectBuilder().add("to", kaiJid).add("chatState", i % 2 == 0 ? "composing" : "paused"));
            }
            // to a user with no device: dropped
            k.send("<message xmlns='jabber:client' type='chat' to='" + moJid + "' id='k-mo'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            k.send("<message xmlns='jabber:client' type='chat' to='" + liaJid + "' id='k-13'><body>done</body></message>");
            l.request("message.send", Json.createObjectBuilder().add("to", kaiJid).add("body", "ok"));
            l.await(f -> f.getString("type").equals("message") && f.getString("xml", "").contains("done"));
            k.next(f -> f.startsWith("<message") && f.contains("<body>ok</body>"));
            assertThat(l.received("message").stream().filter(f -> f.containsKey("chatState"))).hasSize(12);

            // the rows of the chat states are gone once they are delivered or dropped: only the three with a body remain
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(exported(isp, kai)).containsExactlyInAnyOrder("first", "done", "ok");
                assertThat(exported(isp, lia)).containsExactlyInAnyOrder("first", "done", "ok");
                assertThat(exported(isp, mo)).isEmpty();
            });
            k.send("<iq xmlns='jabber:client' type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='all'/></iq>");
            assertThat(k.next(f -> f.contains("id=\"q1\""))).contains("<count>3</count>");
            JsonObject history = l.request("history.get", Json.createObjectBuilder().add("contact", kaiJid).add("limit", 50));
            assertThat(history.getJsonArray("messages")).hasSize(3);
        }
    }

    /** The bodies of every message row the user's data export lists. */
    private static List<String> exported(IspServer isp, String user) {
        Http.Answer export = Http.get(isp.uri("/api/v1/me/export"), user, Users.PASSWORD);
        assertThat(export.status()).isEqualTo(200);
        return export.json().getJsonArray("history").getValuesAs(JsonObject.class).stream().map(m -> m.getString("body")).toList();
    }
}
