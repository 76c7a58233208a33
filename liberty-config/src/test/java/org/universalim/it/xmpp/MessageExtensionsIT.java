package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Body-less and extended messages (issue 15): corrections (XEP-0308) and reactions (XEP-0444) refer to the client's own
 * message id across ISPs, the sender shows with its real resource; chat states (XEP-0085) and markers (XEP-0333) cross
 * ISPs and reach a Local-protocol client as {@code chatState} and {@code marker}; a chat state alone is neither stored
 * offline nor archived; an extension beyond the bounds is refused and goes nowhere.
 */
class MessageExtensionsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aCorrectionAndAReactionReferToTheOriginalClientIdAcrossIsps() {
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
            x.send("<message xmlns='jabber:client' type='chat' to='" + beaJid + "' id='ada-1'><body>helo</body></message>");
            String original = y.next(f -> f.startsWith("<message") && f.contains("helo"));
            assertThat(RawXmppClient.attribute(original, "id")).isEqualTo("ada-1");
            assertThat(RawXmppClient.attribute(original, "from")).isEqualTo(adaJid + "/laptop");

            x.send("<message xmlns='jabber:client' type='chat' to='" + beaJid + "' id='ada-2'><body>hello</body>"
                    + "<replace xmlns='urn:xmpp:message-correct:0' id='ada-1'/></message>");
            String correction = y.next(f -> f.startsWith("<message") && f.contains(">hello<"));
            assertThat(correction).contains("urn:xmpp:message-correct:0").contains("id=\"ada-1\"");

            y.send("<message xmlns='jabber:client' type='chat' to='" + adaJid + "' id='bea-1'>"
                    + "<reactions xmlns='urn:xmpp:reactions:0' id='ada-1'><reaction>\uD83D\uDC4D</reaction></reactions>"
                    + "<store xmlns='urn:xmpp:hints'/></message>");
            String reaction = x.next(f -> f.startsWith("<message") && f.contains("urn:xmpp:reactions:0"));
            assertThat(reaction).contains("id=\"ada-1\"").contains("\uD83D\uDC4D").doesNotContain("<body");
            assertThat(RawXmppClient.attribute(reaction, "from")).isEqualTo(beaJid + "/phone");
            assertThat(RawXmppClient.attribute(reaction, "id")).isEqualTo("bea-1");
        }
    }

    @Test
    void typingAndADisplayedMarkerCrossIspsAndReachALocalClient() {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(a, b, "SOAP", false);
        Federation.peer(b, a, "SOAP", false);
        String cai = Users.register(a, "cai", true);
        String dov = Users.register(b, "dov", true);
        String caiJid = cai + "@isp-a-u.example";
        String dovJid = dov + "@isp-b-u.example";
        try (RawXmppClient x = RawXmppClient.loggedIn(a, cai, Users.PASSWORD, "laptop");
             LocalClient d = LocalClient.login(b, dov, "pc")) {
            x.send("<presence xmlns='jabber:client'/>");
            x.send("<message xmlns='jabber:client' type='chat' to='" + dovJid + "' id='cai-1'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            JsonObject typing = d.await(f -> f.getString("type").equals("message") && "composing".equals(f.getString("chatState", null)), WAIT);
            assertThat(typing.getString("from")).isEqualTo(caiJid);

            // the Local client marks a message displayed; the XMPP client gets XEP-0333's element
            JsonObject sent = d.request("message.send", Json.createObjectBuilder().add("to", caiJid).add("marker", "displayed")
                    .add("markerFor", "cai-0"));
            assertThat(sent.getString("type")).as(sent.toString()).isEqualTo("result");
            String marker = x.next(f -> f.startsWith("<message") && f.contains("urn:xmpp:chat-markers:0"));
            assertThat(marker).contains("<displayed").contains("id=\"cai-0\"").doesNotContain("<body");

            // and a chat state from the Local client reaches the XMPP client
            d.request("message.send", Json.createObjectBuilder().add("to", caiJid).add("chatState", "paused"));
            x.next(f -> f.startsWith("<message") && f.contains("<paused") && f.contains("http://jabber.org/protocol/chatstates"));
        }
    }

    @Test
    void aChatStateAloneIsNeitherStoredOfflineNorArchived() {
        IspServer a = IspServer.a();
        String eli = Users.register(a, "eli", true);
        String fay = Users.register(a, "fay", true);
        String fayJid = fay + "@isp-a-u.example";
        try (RawXmppClient e = RawXmppClient.loggedIn(a, eli, Users.PASSWORD, "laptop")) {
            e.send("<message xmlns='jabber:client' type='chat' to='" + fayJid + "' id='e1'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            e.send("<message xmlns='jabber:client' type='chat' to='" + fayJid + "' id='e2'><body>are you there</body>"
                    + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>");
            roundTrip(e);
        }
        try (RawXmppClient f = RawXmppClient.loggedIn(a, fay, Users.PASSWORD, "phone")) {
            f.send("<presence xmlns='jabber:client'/>");
            String stored = f.next(s -> s.startsWith("<message") && s.contains("are you there"));
            assertThat(stored).contains("urn:xmpp:delay").contains("<active");
            f.send("<iq xmlns='jabber:client' type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='f1'/></iq>");
            f.next(s -> s.contains("id=\"q1\"") && s.contains("<fin"));
            assertThat(f.frames()).noneMatch(s -> s.contains("<composing"));
            assertThat(f.frames().stream().filter(s -> s.contains("queryid=\"f1\"") && s.contains("<result"))).hasSize(1);
        }
    }

    @Test
    void anExtensionTooDeepOrTooLargeIsRefusedAndGoesNowhere() {
        IspServer a = IspServer.a();
        String gus = Users.register(a, "gus", true);
        String hal = Users.register(a, "hal", true);
        String halJid = hal + "@isp-a-u.example";
        try (RawXmppClient g = RawXmppClient.loggedIn(a, gus, Users.PASSWORD, "laptop");
             LocalClient h = LocalClient.login(a, hal, "pc")) {
            String deep = "<a>".repeat(10) + "</a>".repeat(10);
            g.send("<message xmlns='jabber:client' type='chat' to='" + halJid + "' id='deep'><body>deep</body>"
                    + "<x xmlns='urn:example:deep'>" + deep + "</x></message>");
            String refused = g.next(f -> f.contains("id=\"deep\"") && f.contains("type=\"error\""));
            assertThat(refused).contains("policy-violation").contains("nests").doesNotContain("Exception");
            g.send("<message xmlns='jabber:client' type='chat' to='" + halJid + "' id='big'><body>big</body>"
                    + "<x xmlns='urn:example:big'>" + "y".repeat(9000) + "</x></message>");
            String big = g.next(f -> f.contains("id=\"big\"") && f.contains("type=\"error\""));
            assertThat(big).contains("policy-violation");
            g.send("<message xmlns='jabber:client' type='chat' to='" + halJid + "' id='ok'><body>fine</body></message>");
            h.await(f -> f.getString("type").equals("message") && f.getString("xml", "").contains("fine"), WAIT);
            assertThat(h.received("message")).hasSize(1);
        }
    }

    private static void roundTrip(RawXmppClient c) {
        String id = "ping-" + System.nanoTime();
        c.send("<iq xmlns='jabber:client' type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        c.next(f -> f.contains("id=\"" + id + "\"") || f.contains("id='" + id + "'"));
    }
}
