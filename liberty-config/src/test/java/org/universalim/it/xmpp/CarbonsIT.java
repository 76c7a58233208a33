package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message carbons (XEP-0280) of body-less and extended messages: a user with two XMPP resources with carbons on and a
 * Local-protocol device with {@code carbons.set} sees, on the devices that were not given a message, copies of chat
 * states, receipts, markers, corrections, reactions, replies and links, both received and sent, with the extension
 * elements and the sender client's own id inside the forwarded message; {@code <private/>} and {@code <no-copy/>} are
 * respected, and no device gets a message both directly and as a copy. Raw frames.
 */
class CarbonsIT {

    private static final String CARBONS = "urn:xmpp:carbons:2";

    /** One kind of extended message: its payload and the namespace that shows it. */
    private record Kind(String payload, String namespace) {
    }

    private static Map<String, Kind> kinds(String to) {
        return Map.of(
                "state", new Kind("<composing xmlns='http://jabber.org/protocol/chatstates'/>", "http://jabber.org/protocol/chatstates"),
                "receipt", new Kind("<received xmlns='urn:xmpp:receipts' id='orig-1'/>", "urn:xmpp:receipts"),
                "marker", new Kind("<displayed xmlns='urn:xmpp:chat-markers:0' id='orig-1'/>", "urn:xmpp:chat-markers:0"),
                "correction", new Kind("<body>corrected</body><replace xmlns='urn:xmpp:message-correct:0' id='orig-1'/>",
                        "urn:xmpp:message-correct:0"),
                "reaction", new Kind("<reactions xmlns='urn:xmpp:reactions:0' id='orig-1'><reaction>\uD83D\uDC4D</reaction></reactions>",
                        "urn:xmpp:reactions:0"),
                "reply", new Kind("<body>yes</body><reply xmlns='urn:xmpp:reply:0' to='" + to + "' id='orig-1'/>", "urn:xmpp:reply:0"),
                "link", new Kind("<body>https://example.org/a.png</body><x xmlns='jabber:x:oob'><url>https://example.org/a.png</url></x>",
                        "jabber:x:oob"));
    }

    @Test
    void copiesOfBodyLessAndExtendedMessagesCarryTheirElementsBothWays() {
        IspServer isp = IspServer.a();
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        String aliceJid = alice + "@" + isp.universalDomain();
        String bobJid = bob + "@" + isp.universalDomain();
        try (RawXmppClient laptop = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "laptop");
             RawXmppClient phone = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "phone");
             RawXmppClient b = RawXmppClient.loggedIn(isp, bob, Users.PASSWORD, "pc");
             LocalClient web = LocalClient.login(isp, alice, "web")) {
            for (RawXmppClient c : List.of(laptop, phone)) {
                c.send("<iq xmlns='jabber:client' type='set' id='carbons'><enable xmlns='" + CARBONS + "'/></iq>");
                assertThat(c.next(f -> f.contains("id=\"carbons\""))).contains("type=\"result\"");
                c.send("<presence xmlns='jabber:client'/>");
            }
            b.send("<presence xmlns='jabber:client'/>");
            assertThat(web.request("carbons.set", Json.createObjectBuilder().add("enabled", true)).getString("type")).isEqualTo("result");

            // bob writes to alice: one device of hers is given each message (R4), the two others get a received copy
            Map<String, Kind> kinds = kinds(aliceJid);
            kinds.forEach((name, kind) -> b.send("<message xmlns='jabber:client' type='chat' to='" + aliceJid + "' id='b-" + name + "'>"
                    + kind.payload() + "<origin-id xmlns='urn:xmpp:sid:0' id='bo-" + name + "'/></message>"));
            kinds.forEach((name, kind) -> {
                String id = "b-" + name;
                await().untilAsserted(() -> {
                    long direct = count(laptop, direct(id)) + count(phone, direct(id)) + web.received("message").stream()
                            .filter(f -> id.equals(f.getString("clientId", null))).count();
                    long copies = count(laptop, copy("received", id)) + count(phone, copy("received", id))
                            + web.received("message.copy").stream().filter(f -> id.equals(f.getString("clientId", null))
                            && "received".equals(f.getString("direction"))).count();
                    assertThat(direct).as("%s given to one device", id).isEqualTo(1);
                    assertThat(copies).as("%s copied to the two others", id).isEqualTo(2);
                });
                for (RawXmppClient c : List.of(laptop, phone)) {
                    assertThat(count(c, direct(id)) + count(c, copy("received", id))).as("%s at most once on one device", id).isLessThanOrEqualTo(1);
                    c.frames().stream().filter(copy("received", id)).forEach(f -> assertThat(forwarded(f))
                            .contains(kind.namespace()).contains("from=\"" + bobJid + "/pc\"").contains("id=\"" + id + "\"")
                            .contains("<origin-id xmlns=\"urn:xmpp:sid:0\" id=\"bo-" + name + "\"")
                            .contains("<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"" + aliceJid + "\""));
                }
            });
            JsonObject typing = web.received("message.copy").stream().filter(f -> "b-state".equals(f.getString("clientId", null)))
                    .findFirst().orElse(null);
            if (typing != null) {
                assertThat(typing.getString("chatState")).isEqualTo("composing");
            }

            // alice writes from the laptop: the phone and the web client get a sent copy, the laptop none
            kinds(bobJid).forEach((name, kind) -> laptop.send("<message xmlns='jabber:client' type='chat' to='" + bobJid
                    + "' id='a-" + name + "'>" + kind.payload() + "<origin-id xmlns='urn:xmpp:sid:0' id='ao-" + name + "'/></message>"));
            kinds(bobJid).forEach((name, kind) -> {
                String id = "a-" + name;
                String sent = phone.next(copy("sent", id));
                assertThat(forwarded(sent)).contains(kind.namespace()).contains("from=\"" + aliceJid + "/laptop\"")
                        .contains("to=\"" + bobJid + "\"").contains("<origin-id xmlns=\"urn:xmpp:sid:0\" id=\"ao-" + name + "\"");
                assertThat(RawXmppClient.attribute(forwarded(sent), "id")).isEqualTo(id);
                JsonObject local = web.awaitPush("message.copy", f -> id.equals(f.getString("clientId", null)));
                assertThat(local.getString("direction")).isEqualTo("sent");
                assertThat(local.getString("device")).isEqualTo("laptop");
                b.next(direct(id));
            });
            JsonObject typingSent = web.received("message.copy").stream().filter(f -> "a-state".equals(f.getString("clientId", null)))
                    .findFirst().orElseThrow();
            assertThat(typingSent.getString("chatState")).isEqualTo("composing");
            JsonObject markerSent = web.received("message.copy").stream().filter(f -> "a-marker".equals(f.getString("clientId", null)))
                    .findFirst().orElseThrow();
            assertThat(markerSent.getString("marker")).isEqualTo("displayed");
            assertThat(markerSent.getString("markerFor")).isEqualTo("orig-1");

            // private (XEP-0280 section 6) and no-copy (XEP-0334): no copy on either side; a copied message after them
            laptop.send("<message xmlns='jabber:client' type='chat' to='" + bobJid + "' id='a-private'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/><private xmlns='" + CARBONS + "'/></message>");
            laptop.send("<message xmlns='jabber:client' type='chat' to='" + bobJid + "' id='a-nocopy'>"
                    + "<displayed xmlns='urn:xmpp:chat-markers:0' id='orig-2'/><no-copy xmlns='urn:xmpp:hints'/></message>");
            laptop.send("<message xmlns='jabber:client' type='chat' to='" + bobJid + "' id='a-after'>"
                    + "<paused xmlns='http://jabber.org/protocol/chatstates'/></message>");
            phone.next(copy("sent", "a-after"));
            web.awaitPush("message.copy", f -> "a-after".equals(f.getString("clientId", null)));
            b.next(direct("a-nocopy"));
            b.send("<message xmlns='jabber:client' type='chat' to='" + aliceJid + "' id='b-private'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/><private xmlns='" + CARBONS + "'/></message>");
            b.send("<message xmlns='jabber:client' type='chat' to='" + aliceJid + "' id='b-after'>"
                    + "<paused xmlns='http://jabber.org/protocol/chatstates'/></message>");
            await().until(() -> count(laptop, copy("received", "b-after")) + count(phone, copy("received", "b-after"))
                    + web.received("message.copy").stream().filter(f -> "b-after".equals(f.getString("clientId", null))).count() == 2);
            for (String id : List.of("a-private", "a-nocopy", "b-private")) {
                assertThat(laptop.frames()).noneMatch(copy("sent", id).or(copy("received", id)));
                assertThat(phone.frames()).noneMatch(copy("sent", id).or(copy("received", id)));
                assertThat(web.received("message.copy")).noneMatch(f -> id.equals(f.getString("clientId", null)));
            }
            assertThat(laptop.frames()).noneMatch(f -> f.contains("<sent xmlns=\"" + CARBONS + "\""));
        }
    }

    @Test
    void aCopyIsMadeOfChatMessagesNotOfHeadlines() {
        IspServer isp = IspServer.a();
        String cid = Users.register(isp, "cid", true);
        String dee = Users.register(isp, "dee", true);
        String deeJid = dee + "@" + isp.universalDomain();
        try (RawXmppClient laptop = RawXmppClient.loggedIn(isp, cid, Users.PASSWORD, "laptop");
             RawXmppClient phone = RawXmppClient.loggedIn(isp, cid, Users.PASSWORD, "phone");
             RawXmppClient d = RawXmppClient.loggedIn(isp, dee, Users.PASSWORD, "pc")) {
            phone.send("<iq xmlns='jabber:client' type='set' id='carbons'><enable xmlns='" + CARBONS + "'/></iq>");
            phone.next(f -> f.contains("id=\"carbons\""));
            phone.send("<presence xmlns='jabber:client'/>");
            laptop.send("<presence xmlns='jabber:client'/>");
            d.send("<presence xmlns='jabber:client'/>");
            // XEP-0280 section 6: a headline is not eligible; a normal message with a body is
            laptop.send("<message xmlns='jabber:client' type='headline' to='" + deeJid + "' id='h1'><body>news</body></message>");
            laptop.send("<message xmlns='jabber:client' to='" + deeJid + "' id='n1'><body>normal</body></message>");
            phone.next(copy("sent", "n1"));
            d.next(direct("n1"));
            assertThat(phone.frames()).noneMatch(copy("sent", "h1"));
        }
    }

    @Test
    void anErrorForAMessageGoesToTheResourceThatSentItAndIsCopiedToTheOthers() {
        IspServer isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
        String eve = Users.register(isp, "eve", true);
        String eveJid = eve + "@" + isp.universalDomain();
        try (RawXmppClient laptop = RawXmppClient.loggedIn(isp, eve, Users.PASSWORD, "laptop");
             RawXmppClient phone = RawXmppClient.loggedIn(isp, eve, Users.PASSWORD, "phone");
             RawXmppClient tablet = RawXmppClient.loggedIn(isp, eve, Users.PASSWORD, "tablet")) {
            phone.send("<iq xmlns='jabber:client' type='set' id='carbons'><enable xmlns='" + CARBONS + "'/></iq>");
            phone.next(f -> f.contains("id=\"carbons\""));
            for (RawXmppClient c : List.of(laptop, phone, tablet)) {
                c.send("<presence xmlns='jabber:client'/>");
            }
            // closed.example does not answer: the message bounces after xmpp.s2s.queue.seconds (XEP-0280 section 6: the
            // error answers an eligible message, so the sender's other resources with carbons get a received copy of it)
            laptop.send("<message xmlns='jabber:client' type='chat' to='zoe@closed.example' id='lost-1'><body>anyone?</body>"
                    + "<origin-id xmlns='urn:xmpp:sid:0' id='lost-origin-1'/></message>");
            phone.next(copy("sent", "lost-1"));
            String bounce = laptop.next(f -> f.startsWith("<message") && f.contains("type=\"error\""));
            assertThat(RawXmppClient.attribute(bounce, "id")).isEqualTo("lost-1");
            assertThat(bounce).contains("from=\"zoe@closed.example\"").contains("remote-server-timeout").doesNotContain(CARBONS);
            String copied = phone.next(f -> f.startsWith("<message") && f.contains("<received xmlns=\"" + CARBONS + "\""));
            assertThat(forwarded(copied)).contains("type=\"error\"").contains("id=\"lost-1\"").contains("to=\"" + eveJid + "/laptop\"")
                    .contains("remote-server-timeout");
            assertThat(phone.frames()).noneMatch(f -> f.startsWith("<message") && f.contains("type=\"error\"") && !f.contains(CARBONS));
            // a resource without carbons gets neither the error nor a copy
            tablet.send("<iq xmlns='jabber:client' type='get' id='after'><ping xmlns='urn:xmpp:ping'/></iq>");
            tablet.next(f -> f.contains("id=\"after\""));
            assertThat(tablet.frames()).noneMatch(f -> f.contains("type=\"error\"") || f.contains("remote-server-timeout"));
        }
    }

    private static org.awaitility.core.ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
    }

    private static long count(RawXmppClient c, Predicate<String> p) {
        return c.frames().stream().filter(p).count();
    }

    /** A message given to the device itself, with this client id. */
    static Predicate<String> direct(String id) {
        return f -> f.startsWith("<message") && !f.contains(CARBONS) && !f.contains("urn:xmpp:mam:2") && id.equals(RawXmppClient.attribute(f, "id"));
    }

    /** A carbon copy ({@code sent} or {@code received}) whose forwarded message has this id. */
    static Predicate<String> copy(String direction, String id) {
        return f -> f.startsWith("<message") && f.contains("<" + direction + " xmlns=\"" + CARBONS + "\"")
                && id.equals(RawXmppClient.attribute(forwarded(f), "id"));
    }

    /** The message inside a carbon's or a result's {@code <forwarded/>}. */
    static String forwarded(String frame) {
        int at = frame.indexOf("<message", frame.indexOf("<forwarded"));
        return at < 0 ? "" : frame.substring(at);
    }
}
