package org.universalim.it.xmpp;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.local.Contacts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.universalim.it.xmpp.SmackClients.await;
import static org.universalim.it.xmpp.SmackClients.jid;

/**
 * What users publish about themselves, within one ISP: their card (XEP-0054), pre-filled from the registration and
 * shown to the contacts who see their presence; personal events (XEP-0163) with entity capabilities (XEP-0115),
 * persistent items and publish options (XEP-0223): avatars (XEP-0084) notified to contacts who asked with
 * {@code +notify}, private bookmarks (XEP-0402), open OMEMO device lists (XEP-0384); what a stranger may not read;
 * hostile sizes; what service discovery lists and the server's version (XEP-0092).
 */
class ProfilesIT {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String AVATAR = "urn:xmpp:avatar:metadata";
    static final String BOOKMARKS = "urn:xmpp:bookmarks:1";
    static final String DEVICELIST = "eu.siacs.conversations.axolotl.devicelist";

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
        // Smack hands unknown payloads to listeners as generic elements
        AnyPayload.register("metadata", AVATAR);
        AnyPayload.register("list", "eu.siacs.conversations.axolotl");
    }

    static String jidOf(String user) {
        return user + "@" + isp.universalDomain();
    }

    /** {@code watcher} asks to see {@code contact}'s presence and the contact approves. */
    static void watches(String watcher, String contact) {
        try (LocalClient w = LocalClient.login(isp, watcher, "setup"); LocalClient c = LocalClient.login(isp, contact, "setup")) {
            Contacts.approve(w, jidOf(contact), c, jidOf(watcher));
        }
    }

    /** A publish request; {@code options} are publish-options fields (XEP-0223), name then value. */
    static String publish(String id, String node, String itemId, String payload, String... options) {
        StringBuilder iq = new StringBuilder("<iq xmlns='jabber:client' type='set' id='" + id + "'><pubsub xmlns='" + PUBSUB
                + "'><publish node='" + node + "'><item" + (itemId == null ? "" : " id='" + itemId + "'") + ">" + payload
                + "</item></publish>");
        if (options.length > 0) {
            iq.append("<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                    + "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>");
            for (int i = 0; i < options.length; i += 2) {
                iq.append("<field var='").append(options[i]).append("'><value>").append(options[i + 1]).append("</value></field>");
            }
            iq.append("</x></publish-options>");
        }
        return iq.append("</pubsub></iq>").toString();
    }

    static String items(String id, String owner, String node) {
        return "<iq xmlns='jabber:client' type='get' id='" + id + "'" + (owner == null ? "" : " to='" + owner + "'")
                + "><pubsub xmlns='" + PUBSUB + "'><items node='" + node + "'/></pubsub></iq>";
    }

    static String avatar(String hash) {
        return "<metadata xmlns='" + AVATAR + "'><info bytes='2048' id='" + hash + "' height='64' width='64' type='image/png'/></metadata>";
    }

    static String answer(RawXmppClient c, String id) {
        return c.next(f -> f.contains("id=\"" + id + "\""));
    }

    @Test
    void aCardIsPrefilledFromTheRegistrationAndAnEditShowsUpForAContact() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        String carol = Users.register(isp, "carol", true);
        watches(bob, alice);
        ModularXmppClientToServerConnection a = SmackClients.login(isp, alice, "laptop", null);
        ModularXmppClientToServerConnection b = SmackClients.login(isp, bob, "phone", null);
        ModularXmppClientToServerConnection c = SmackClients.login(isp, carol, "pc", null);
        try {
            VCard own = VCardManager.getInstanceFor(a).loadVCard();
            assertThat(own.getField("FN")).isEqualTo("Test " + alice);
            assertThat(own.getNickName()).isEqualTo(alice.toUpperCase());

            own.setField("FN", "Alice Example");
            own.setNickName("Ally");
            own.setEmailHome("ally@mail.example");
            VCardManager.getInstanceFor(a).saveVCard(own);

            VCard seen = VCardManager.getInstanceFor(b).loadVCard(jid(isp, alice));
            assertThat(seen.getField("FN")).isEqualTo("Alice Example");
            assertThat(seen.getNickName()).isEqualTo("Ally");
            assertThat(seen.getEmailHome()).isEqualTo("ally@mail.example");
            assertThat(VCardManager.getInstanceFor(a).loadVCard().getNickName()).isEqualTo("Ally");

            // carol does not see alice's presence: no card for her
            assertThatThrownBy(() -> VCardManager.getInstanceFor(c).loadVCard(jid(isp, alice)))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        } finally {
            a.disconnect();
            b.disconnect();
            c.disconnect();
        }
    }

    @Test
    void anAvatarIsNotifiedToAContactWhoAskedWithNotifyAndAgainAtTheirNextLogOn() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        watches(bob, alice);
        EntityBareJid aliceJid = jid(isp, alice);
        List<String> seen = new CopyOnWriteArrayList<>();
        ModularXmppClientToServerConnection phone = SmackClients.connection(isp, bob, Users.PASSWORD, "phone", null);
        PepManager.getInstanceFor(phone).addPepEventListener(AVATAR, AnyPayload.class, (from, metadata, itemId, message) -> {
            if (from.equals(aliceJid) && metadata.xml().contains("1a2b3c")) {
                seen.add("phone:" + itemId);
            }
        });
        phone.connect().login();
        try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc")) {
            a.send("<presence xmlns='jabber:client'/>");
            a.send(publish("p1", AVATAR, "1a2b3c", avatar("1a2b3c")));
            assertThat(answer(a, "p1")).contains("type=\"result\"").contains("<item id=\"1a2b3c\"/>");
            await().until(() -> seen.contains("phone:1a2b3c"));

            // a second device of bob's logs on later: the last avatar is sent to it (send_last_published_item)
            ModularXmppClientToServerConnection tablet = SmackClients.connection(isp, bob, Users.PASSWORD, "tablet", null);
            PepManager.getInstanceFor(tablet).addPepEventListener(AVATAR, AnyPayload.class, (from, metadata, itemId, m) -> {
                if (from.equals(aliceJid)) {
                    seen.add("tablet:" + itemId);
                }
            });
            tablet.connect().login();
            try {
                await().until(() -> seen.contains("tablet:1a2b3c"));
            } finally {
                tablet.disconnect();
            }
        } finally {
            phone.disconnect();
        }
    }

    @Test
    void bookmarksArePrivateToTheirOwner() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        watches(bob, alice);
        try (RawXmppClient pc = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc");
             RawXmppClient phone = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "phone");
             RawXmppClient b = RawXmppClient.loggedIn(isp, bob, Users.PASSWORD, "pc")) {
            pc.announceCaps("pc " + alice, List.of("http://jabber.org/protocol/disco#info", BOOKMARKS + "+notify"));
            b.announceCaps("pc " + bob, List.of("http://jabber.org/protocol/disco#info", BOOKMARKS + "+notify", AVATAR + "+notify"));
            phone.send("<presence xmlns='jabber:client'/>");

            String conference = "<conference xmlns='" + BOOKMARKS + "' name='Council' autojoin='true'><nick>ally</nick></conference>";
            phone.send(publish("b1", BOOKMARKS, "council@muc.example", conference, "pubsub#persist_items", "true",
                    "pubsub#max_items", "max", "pubsub#send_last_published_item", "never", "pubsub#access_model", "whitelist"));
            assertThat(answer(phone, "b1")).contains("type=\"result\"");
            // alice's other device is told
            String event = pc.next(f -> f.startsWith("<message") && f.contains("node=\"" + BOOKMARKS + "\""));
            assertThat(event).contains("from=\"" + jidOf(alice) + "\"").contains("<item id=\"council@muc.example\">")
                    .contains("<nick>ally</nick>");
            // alice reads them back
            phone.send(items("b2", null, BOOKMARKS));
            assertThat(answer(phone, "b2")).contains("type=\"result\"").contains("name=\"Council\"");

            // bob, who sees alice's presence, may not read them, and is not told
            b.send(items("b3", jidOf(alice), BOOKMARKS));
            assertThat(answer(b, "b3")).contains("type=\"error\"").contains("<not-allowed ").contains("<closed-node ");
            phone.send(publish("b4", AVATAR, "ff00", avatar("ff00")));
            b.next(f -> f.startsWith("<message") && f.contains("node=\"" + AVATAR + "\""));
            assertThat(b.frames()).noneMatch(f -> f.contains(BOOKMARKS + "\"") && f.startsWith("<message"));

            // the node keeps its access model: publishing with another one is refused
            phone.send(publish("b5", BOOKMARKS, "other@muc.example", conference, "pubsub#access_model", "open"));
            assertThat(answer(phone, "b5")).contains("type=\"error\"").contains("<conflict ").contains("<precondition-not-met ");

            // a retraction is notified to alice's devices
            phone.send("<iq xmlns='jabber:client' type='set' id='b6'><pubsub xmlns='" + PUBSUB + "'><retract node='" + BOOKMARKS
                    + "' notify='true'><item id='council@muc.example'/></retract></pubsub></iq>");
            assertThat(answer(phone, "b6")).contains("type=\"result\"");
            assertThat(pc.next(f -> f.contains("<retract "))).contains("id=\"council@muc.example\"");
        }
    }

    @Test
    void aStrangerReadsOpenNodesButNotWhatIsForContacts() {
        String alice = Users.register(isp, "alice", true);
        String carol = Users.register(isp, "carol", true);
        try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc");
             RawXmppClient c = RawXmppClient.loggedIn(isp, carol, Users.PASSWORD, "pc")) {
            a.send(publish("s1", AVATAR, "abcd", avatar("abcd")));
            assertThat(answer(a, "s1")).contains("type=\"result\"");
            a.send(publish("s2", DEVICELIST, "current", "<list xmlns='eu.siacs.conversations.axolotl'><device id='4242'/></list>",
                    "pubsub#access_model", "open"));
            assertThat(answer(a, "s2")).contains("type=\"result\"");

            c.send(items("s3", jidOf(alice), DEVICELIST));
            assertThat(answer(c, "s3")).contains("type=\"result\"").contains("<device id=\"4242\"/>");
            c.send(items("s4", jidOf(alice), AVATAR));
            assertThat(answer(c, "s4")).contains("type=\"error\"").contains("<not-authorized ")
                    .contains("<presence-subscription-required ");
            c.send("<iq xmlns='jabber:client' type='get' id='s5' to='" + jidOf(alice) + "'><vCard xmlns='vcard-temp'/></iq>");
            assertThat(answer(c, "s5")).contains("type=\"error\"").contains("<forbidden ");
            c.send(items("s6", jidOf(alice), "no-such-node"));
            assertThat(answer(c, "s6")).contains("type=\"error\"").contains("<item-not-found ");
            // only alice publishes on her account
            c.send(publish("s7", AVATAR, "evil", avatar("evil")).replace("type='set' id='s7'", "type='set' id='s7' to='" + jidOf(alice) + "'"));
            assertThat(answer(c, "s7")).contains("type=\"error\"").contains("<forbidden ");
        }
    }

    @Test
    void hostileSizesAreRefused() {
        String alice = Users.register(isp, "alice", true);
        try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc")) {
            String big = "<data xmlns='urn:xmpp:avatar:data'>" + "QUJD".repeat(10_000) + "</data>";
            a.send(publish("h1", "urn:xmpp:avatar:data", "big", big));
            assertThat(answer(a, "h1")).contains("type=\"error\"").contains("<not-acceptable ").contains("<payload-too-big ");

            String deep = "<a xmlns='urn:example:deep'>" + "<b>".repeat(12) + "</b>".repeat(12) + "</a>";
            a.send(publish("h2", "urn:example:deep", "deep", deep));
            assertThat(answer(a, "h2")).contains("type=\"error\"").contains("<bad-request ").contains("<invalid-payload ");
            a.send(publish("h3", "urn:example:two", "two", "<one xmlns='urn:example'/><two xmlns='urn:example'/>"));
            assertThat(answer(a, "h3")).contains("type=\"error\"").contains("<bad-request ").contains("<invalid-payload ");

            a.send(publish("h4", "urn:example:many", "x", "<x xmlns='urn:example'/>", "pubsub#max_items", "1000000"));
            assertThat(answer(a, "h4")).contains("type=\"error\"").contains("<precondition-not-met ");

            // a node keeps its newest max_items items
            for (int i = 1; i <= 7; i++) {
                a.send(publish("m" + i, "urn:example:five", "i" + i, "<n xmlns='urn:example'>" + i + "</n>", "pubsub#max_items", "5"));
                assertThat(answer(a, "m" + i)).contains("type=\"result\"");
            }
            a.send(items("m8", null, "urn:example:five"));
            String kept = answer(a, "m8");
            assertThat(kept).contains("<item id=\"i3\">", "<item id=\"i7\">").doesNotContain("<item id=\"i1\">", "<item id=\"i2\">");

            // a user has a bounded number of nodes
            String refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                a.send(publish("n" + i, "urn:example:node:" + i, "x", "<x xmlns='urn:example'/>"));
                String reply = answer(a, "n" + i);
                if (reply.contains("type=\"error\"")) {
                    refused = reply;
                }
            }
            assertThat(refused).as("a node refused before 100").isNotNull().contains("<max-nodes-exceeded ");

            // a card with a photo over the bound is refused
            a.send("<iq xmlns='jabber:client' type='set' id='v1'><vCard xmlns='vcard-temp'><FN>Alice</FN><PHOTO><TYPE>image/png</TYPE>"
                    + "<BINVAL>" + "QUJD".repeat(10_000) + "</BINVAL></PHOTO></vCard></iq>");
            assertThat(answer(a, "v1")).contains("type=\"error\"").contains("<not-acceptable ");
            a.send("<iq xmlns='jabber:client' type='set' id='v2'><vCard xmlns='vcard-temp'><FN>Alice</FN><PHOTO><TYPE>image/png</TYPE>"
                    + "<BINVAL>" + "QUJD".repeat(100) + "</BINVAL></PHOTO></vCard></iq>");
            assertThat(answer(a, "v2")).contains("type=\"result\"");
        }
    }

    @Test
    void discoveryListsWhatExistsAndTheServerTellsItsVersion() {
        String alice = Users.register(isp, "alice", true);
        try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc")) {
            a.send("<iq xmlns='jabber:client' type='get' id='d1' to='" + isp.universalDomain() + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(answer(a, "d1")).contains("var=\"vcard-temp\"").contains("var=\"jabber:iq:version\"");

            a.send(publish("d2", AVATAR, "beef", avatar("beef")));
            answer(a, "d2");
            a.send("<iq xmlns='jabber:client' type='get' id='d3' to='" + jidOf(alice) + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(answer(a, "d3")).contains("<identity category=\"account\" type=\"registered\"/>")
                    .contains("<identity category=\"pubsub\" type=\"pep\"/>")
                    .contains("var=\"http://jabber.org/protocol/pubsub#publish\"")
                    .contains("var=\"http://jabber.org/protocol/pubsub#publish-options\"")
                    .contains("var=\"http://jabber.org/protocol/pubsub#access-whitelist\"");
            a.send("<iq xmlns='jabber:client' type='get' id='d4' to='" + jidOf(alice) + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
            assertThat(answer(a, "d4")).contains("<item jid=\"" + jidOf(alice) + "\" node=\"" + AVATAR + "\"/>");
            a.send("<iq xmlns='jabber:client' type='get' id='d5' to='" + jidOf(alice) + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info' node='" + AVATAR + "'/></iq>");
            assertThat(answer(a, "d5")).contains("type=\"result\"").contains("<identity category=\"pubsub\" type=\"leaf\"/>");

            a.send("<iq xmlns='jabber:client' type='get' id='d6' to='" + isp.universalDomain() + "'>"
                    + "<query xmlns='jabber:iq:version'/></iq>");
            assertThat(answer(a, "d6")).contains("type=\"result\"").contains("<name>Universal IM</name>").contains("<version>");
        }
    }
}
