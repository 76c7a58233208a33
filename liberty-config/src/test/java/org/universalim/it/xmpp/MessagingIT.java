package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.local.Contacts;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.it.xmpp.SmackClients.await;
import static org.universalim.it.xmpp.SmackClients.jid;

/**
 * One conversation on every device of a user: message carbons (XEP-0280) to XMPP resources and the Local protocol's
 * {@code message.copy}, the archive (XEP-0313 with XEP-0059 paging) over the same history as the Local protocol's
 * {@code history.get}, stanza ids (XEP-0359), and IQs between full JIDs. With Smack and raw frames.
 */
class MessagingIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    static String jidOf(String user) {
        return user + "@" + isp.universalDomain();
    }

    /** What one of the user's devices saw: messages given to it and copies of others. */
    record Seen(List<String> direct, List<String> copies) {
        static Seen on(ModularXmppClientToServerConnection c) throws Exception {
            Seen seen = new Seen(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            c.addAsyncStanzaListener(m -> seen.direct.add(((Message) m).getBody()), MessageWithBodiesFilter.INSTANCE);
            CarbonManager carbons = CarbonManager.getInstanceFor(c);
            carbons.addCarbonCopyReceivedListener((direction, copy, wrapping) -> seen.copies.add(direction + ":" + copy.getBody()));
            carbons.enableCarbons();
            return seen;
        }
    }

    @Test
    void twoDevicesOfOneUserSeeOneConversation() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        ModularXmppClientToServerConnection laptop = SmackClients.login(isp, alice, "laptop", null);
        ModularXmppClientToServerConnection phone = SmackClients.login(isp, alice, "phone", null);
        ModularXmppClientToServerConnection b = SmackClients.login(isp, bob, "pc", null);
        try (LocalClient web = LocalClient.login(isp, alice, "web")) {
            assertThat(CarbonManager.getInstanceFor(laptop).isSupportedByServer()).isTrue();
            Map<String, Seen> devices = new ConcurrentHashMap<>();
            devices.put("laptop", Seen.on(laptop));
            devices.put("phone", Seen.on(phone));
            assertThat(web.request("carbons.set", Json.createObjectBuilder().add("enabled", true)).getString("type")).isEqualTo("result");
            List<String> bobGot = new CopyOnWriteArrayList<>();
            b.addAsyncStanzaListener(m -> bobGot.add(((Message) m).getBody()), MessageWithBodiesFilter.INSTANCE);

            // bob writes to alice: the rules (R4) give it to one device, the others get a copy, none gets it twice
            ChatManager.getInstanceFor(b).chatWith(jid(isp, alice)).send("hello alice");
            await().until(() -> countDirect(devices, web, "hello alice") == 1
                    && countCopies(devices, web, "received:hello alice") == 2);

            // alice writes from the laptop: the phone and the web client get a sent copy, the laptop none
            ChatManager.getInstanceFor(laptop).chatWith(jid(isp, bob)).send("hi bob, from the laptop");
            await().until(() -> bobGot.contains("hi bob, from the laptop"));
            await().until(() -> devices.get("phone").copies().contains("sent:hi bob, from the laptop"));
            JsonObject copy = web.awaitPush("message.copy", f -> f.getString("body").equals("hi bob, from the laptop"));
            assertThat(copy.getString("direction")).isEqualTo("sent");
            assertThat(copy.getString("device")).isEqualTo("laptop");
            assertThat(copy.getString("to")).isEqualTo(jidOf(bob));

            // from the Local protocol: the XMPP resources get a sent copy
            web.request("message.send", Json.createObjectBuilder().add("to", jidOf(bob)).add("body", "from the browser"));
            await().until(() -> devices.get("laptop").copies().contains("sent:from the browser")
                    && devices.get("phone").copies().contains("sent:from the browser"));

            // private (XEP-0280 section 6) and no-copy (XEP-0334): no copies; a copied message sent after it arrives first
            laptop.sendStanza(laptop.getStanzaFactory().buildMessageStanza().to(jid(isp, bob)).ofType(Message.Type.chat)
                    .setBody("just for bob").addExtension(CarbonExtension.Private.INSTANCE).build());
            ChatManager.getInstanceFor(laptop).chatWith(jid(isp, bob)).send("after the private one");
            await().until(() -> devices.get("phone").copies().contains("sent:after the private one"));
            await().until(() -> bobGot.contains("just for bob"));
            assertThat(devices.get("phone").copies()).doesNotContain("sent:just for bob");
            assertThat(devices.get("laptop").copies()).noneMatch(c -> c.startsWith("sent:hi bob"));
            assertThat(web.received("message.copy")).noneMatch(f -> f.getString("body").equals("just for bob")
                    || f.getString("body").equals("from the browser"));

            // carbons off: no more copies
            CarbonManager.getInstanceFor(phone).disableCarbons();
            ChatManager.getInstanceFor(laptop).chatWith(jid(isp, bob)).send("phone is not listening");
            web.awaitPush("message.copy", f -> f.getString("body").equals("phone is not listening"));
            assertThat(devices.get("phone").copies()).doesNotContain("sent:phone is not listening");
        } finally {
            laptop.disconnect();
            phone.disconnect();
            b.disconnect();
        }
    }

    private static long countDirect(Map<String, Seen> devices, LocalClient web, String body) {
        return devices.values().stream().flatMap(d -> d.direct().stream()).filter(body::equals).count()
                + web.received("message").stream().filter(f -> f.toString().contains(body)).count();
    }

    private static long countCopies(Map<String, Seen> devices, LocalClient web, String copy) {
        String[] parts = copy.split(":", 2);
        return devices.values().stream().flatMap(d -> d.copies().stream()).filter(copy::equals).count()
                + web.received("message.copy").stream().filter(f -> f.getString("direction").equals(parts[0])
                && f.getString("body").equals(parts[1])).count();
    }

    @Test
    void aSecondDevicePagesThroughTheArchiveAndFindsWhatTheLocalProtocolSent() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        String carol = Users.register(isp, "carol", true);
        try (LocalClient web = LocalClient.login(isp, alice, "web"); LocalClient b = LocalClient.login(isp, bob, "pc");
             LocalClient c = LocalClient.login(isp, carol, "pc")) {
            for (String body : List.of("one", "two", "three")) {
                assertThat(web.request("message.send", Json.createObjectBuilder().add("to", jidOf(bob)).add("body", body))
                        .getString("status")).isEqualTo("sent");
            }
            b.request("message.send", Json.createObjectBuilder().add("to", jidOf(alice)).add("body", "four, from bob"));
            c.request("message.send", Json.createObjectBuilder().add("to", jidOf(alice)).add("body", "from carol"));
            web.awaitPush("message", f -> f.toString().contains("from carol"));

            ModularXmppClientToServerConnection tablet = SmackClients.login(isp, alice, "tablet", null);
            try {
                MamManager mam = MamManager.getInstanceFor(tablet);
                assertThat(mam.isSupported()).isTrue();
                EntityBareJid bobJid = jid(isp, bob);

                // the conversation with bob, two at a time from the start
                MamManager.MamQuery query = mam.queryArchive(MamManager.MamQueryArgs.builder().limitResultsToJid(bobJid)
                        .setResultPageSizeTo(2).build());
                assertThat(bodies(query.getMessages())).containsExactly("one", "two");
                assertThat(query.isComplete()).isFalse();
                assertThat(bodies(query.pageNext(2))).containsExactly("three", "four, from bob");
                assertThat(query.getMessages().get(1).getFrom().asBareJid().toString()).isEqualTo(jidOf(bob));
                assertThat(query.getMessages().get(0).getTo().asBareJid().toString()).isEqualTo(jidOf(bob));

                // the newest page, and everything (carol's too)
                MamManager.MamQuery last = mam.queryArchive(MamManager.MamQueryArgs.builder().limitResultsToJid(bobJid)
                        .setResultPageSizeTo(1).queryLastPage().build());
                assertThat(bodies(last.getMessages())).containsExactly("four, from bob");
                assertThat(bodies(last.pagePrevious(2))).containsExactly("two", "three");
                MamManager.MamQuery all = mam.queryArchive(MamManager.MamQueryArgs.builder().setResultPageSizeTo(10).build());
                assertThat(bodies(all.getMessages())).containsExactly("one", "two", "three", "four, from bob", "from carol");
                assertThat(all.isComplete()).isTrue();

                // and back: what the tablet sends is in the Local protocol's history, with its archive id (XEP-0359)
                List<Message> atBob = new CopyOnWriteArrayList<>();
                ModularXmppClientToServerConnection bobXmpp = SmackClients.login(isp, bob, "laptop", null);
                try {
                    bobXmpp.addAsyncStanzaListener(m -> atBob.add((Message) m), MessageWithBodiesFilter.INSTANCE);
                    b.close();
                    ChatManager.getInstanceFor(tablet).chatWith(bobJid).send("five, from xmpp");
                    await().until(() -> atBob.stream().anyMatch(m -> "five, from xmpp".equals(m.getBody())));
                    Message five = atBob.stream().filter(m -> "five, from xmpp".equals(m.getBody())).findFirst().orElseThrow();
                    StanzaIdElement stanzaId = five.getExtension(StanzaIdElement.class);
                    assertThat(stanzaId).isNotNull();
                    assertThat(stanzaId.getBy()).isEqualTo(jidOf(bob));
                    JsonObject history = web.request("history.get", Json.createObjectBuilder().add("contact", jidOf(bob)).add("limit", 10));
                    assertThat(history.getJsonArray("messages").getJsonObject(0).getString("body")).isEqualTo("five, from xmpp");
                    assertThat(history.getJsonArray("messages").getJsonObject(0).getString("messageId")).isEqualTo(stanzaId.getId());
                } finally {
                    bobXmpp.disconnect();
                }
            } finally {
                tablet.disconnect();
            }
        }
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }

    @Test
    void archiveQueriesWithRawFramesPagingFiltersAndPreferences() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        String carol = Users.register(isp, "carol", true);
        try (LocalClient a = LocalClient.login(isp, alice, "web")) {
            a.request("message.send", Json.createObjectBuilder().add("to", jidOf(bob)).add("body", "to bob"));
            a.request("message.send", Json.createObjectBuilder().add("to", jidOf(carol)).add("body", "to carol"));
            a.request("message.send", Json.createObjectBuilder().add("to", jidOf(bob)).add("body", "to bob again"));
        }
        RawXmppClient x = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "raw");
        try {
            // the form offered
            x.send("<iq xmlns='jabber:client' type='get' id='f1'><query xmlns='urn:xmpp:mam:2'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"f1\""))).contains("var=\"with\"").contains("var=\"start\"")
                    .contains("var=\"after-id\"").contains("var=\"before-id\"");

            // everything: three results, then the fin with the result set
            x.send("<iq xmlns='jabber:client' type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='all'/></iq>");
            String first = x.next(f -> f.contains("queryid=\"all\""));
            String second = x.next(f -> f.contains("queryid=\"all\""));
            String third = x.next(f -> f.contains("queryid=\"all\""));
            String fin = x.next(f -> f.contains("id=\"q1\""));
            assertThat(first).contains("<body>to bob</body>").contains("<delay xmlns=\"urn:xmpp:delay\"");
            assertThat(second).contains("<body>to carol</body>");
            assertThat(third).contains("<body>to bob again</body>");
            String firstId = archiveId(first);
            String thirdId = archiveId(third);
            assertThat(fin).contains("<fin xmlns=\"urn:xmpp:mam:2\" complete=\"true\">").contains("<first>" + firstId + "</first>")
                    .contains("<last>" + thirdId + "</last>").contains("<count>3</count>");

            // after-id and before-id in the form are filters: the page still runs from the oldest (XEP-0313 4.1.4);
            // RSM's <before/> pages backwards
            x.send("<iq xmlns='jabber:client' type='set' id='q2'><query xmlns='urn:xmpp:mam:2' queryid='after'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>"
                    + "<field var='after-id'><value>" + firstId + "</value></field></x>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>1</max></set></query></iq>");
            assertThat(x.next(f -> f.contains("queryid=\"after\""))).contains("<body>to carol</body>");
            assertThat(x.next(f -> f.contains("id=\"q2\""))).doesNotContain("complete=").contains("<count>2</count>");
            x.send("<iq xmlns='jabber:client' type='set' id='q2b'><query xmlns='urn:xmpp:mam:2' queryid='before-id'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='before-id'><value>" + thirdId + "</value></field></x>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>1</max></set></query></iq>");
            assertThat(x.next(f -> f.contains("queryid=\"before-id\""))).contains("<body>to bob</body>");
            x.next(f -> f.contains("id=\"q2b\""));
            x.send("<iq xmlns='jabber:client' type='set' id='q2c'><query xmlns='urn:xmpp:mam:2' queryid='rsm-before'>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>1</max><before>" + thirdId + "</before></set></query></iq>");
            assertThat(x.next(f -> f.contains("queryid=\"rsm-before\""))).contains("<body>to carol</body>");
            x.next(f -> f.contains("id=\"q2c\""));
            x.send("<iq xmlns='jabber:client' type='set' id='q3'><query xmlns='urn:xmpp:mam:2'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='end'><value>2001-01-01T00:00:00Z</value></field></x></query></iq>");
            assertThat(x.next(f -> f.contains("id=\"q3\""))).contains("<count>0</count>").doesNotContain("<first>");

            // an id that is not in the archive, a field we do not know
            x.send("<iq xmlns='jabber:client' type='set' id='q4'><query xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
                    + "<after>no-such-id</after></set></query></iq>");
            assertThat(x.next(f -> f.contains("id=\"q4\""))).contains("type=\"error\"").contains("<item-not-found");
            x.send("<iq xmlns='jabber:client' type='set' id='q5'><query xmlns='urn:xmpp:mam:2'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='fulltext'><value>x</value></field></x></query></iq>");
            assertThat(x.next(f -> f.contains("id=\"q5\""))).contains("<bad-request");

            // preferences: never carol; the archive then shows only bob's conversation
            x.send("<iq xmlns='jabber:client' type='set' id='p1'><prefs xmlns='urn:xmpp:mam:2' default='always'>"
                    + "<always/><never><jid>" + jidOf(carol) + "</jid></never></prefs></iq>");
            assertThat(x.next(f -> f.contains("id=\"p1\""))).contains("type=\"result\"").contains("<never><jid>" + jidOf(carol) + "</jid></never>");
            x.send("<iq xmlns='jabber:client' type='set' id='q6'><query xmlns='urn:xmpp:mam:2' queryid='prefs'/></iq>");
            assertThat(x.next(f -> f.contains("queryid=\"prefs\""))).contains("<body>to bob</body>");
            assertThat(x.next(f -> f.contains("queryid=\"prefs\""))).contains("<body>to bob again</body>");
            assertThat(x.next(f -> f.contains("id=\"q6\""))).contains("<count>2</count>");

            // the account lists the archive; the server does not
            x.send("<iq xmlns='jabber:client' type='get' id='d1' to='" + jidOf(alice) + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"d1\""))).contains("<feature var=\"urn:xmpp:mam:2\"/>")
                    .contains("<feature var=\"urn:xmpp:sid:0\"/>");
            x.send("<iq xmlns='jabber:client' type='get' id='d2' to='" + isp.universalDomain() + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"d2\""))).contains("<feature var=\"urn:xmpp:carbons:2\"/>")
                    .doesNotContain("urn:xmpp:mam:2");

            // another user's archive is not ours to read
            x.send("<iq xmlns='jabber:client' type='set' id='q7' to='" + jidOf(bob) + "'><query xmlns='urn:xmpp:mam:2'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"q7\""))).contains("<forbidden");
        } finally {
            x.close();
        }
    }

    /** The archive id of a result message. */
    private static String archiveId(String result) {
        return RawXmppClient.attribute(result.substring(result.indexOf("<result")).replace("queryid=", "q="), "id");
    }

    @Test
    void iqsBetweenFullJidsOfContactsAreRoutedAndOthersAreRefused() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        String carol = Users.register(isp, "carol", true);
        try (LocalClient a = LocalClient.login(isp, alice, "setup"); LocalClient b = LocalClient.login(isp, bob, "setup")) {
            Contacts.approve(a, jidOf(bob), b, jidOf(alice)); // alice sees bob's presence
        }
        RawXmppClient xa = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "laptop");
        RawXmppClient xb = RawXmppClient.loggedIn(isp, bob, Users.PASSWORD, "phone");
        RawXmppClient xc = RawXmppClient.loggedIn(isp, carol, Users.PASSWORD, "pc");
        try {
            // alice asks bob's phone its software version; bob's client answers; alice gets the answer from the phone
            xa.send("<iq xmlns='jabber:client' type='get' id='v1' to='" + jidOf(bob) + "/phone'><query xmlns='jabber:iq:version'/></iq>");
            String asked = xb.next(f -> f.contains("id=\"v1\""));
            assertThat(asked).contains("from=\"" + jidOf(alice) + "/laptop\"").contains("to=\"" + jidOf(bob) + "/phone\"")
                    .contains("<query xmlns=\"jabber:iq:version\"/>");
            xb.send("<iq xmlns='jabber:client' type='result' id='v1' to='" + jidOf(alice) + "/laptop'><query xmlns='jabber:iq:version'>"
                    + "<name>Phone client</name><version>2.0</version></query></iq>");
            assertThat(xa.next(f -> f.contains("id=\"v1\""))).contains("type=\"result\"").contains("from=\"" + jidOf(bob) + "/phone\"")
                    .contains("<name>Phone client</name>");

            // bob may ask alice back (she sees his presence: a subscription either way)
            xb.send("<iq xmlns='jabber:client' type='get' id='p2' to='" + jidOf(alice) + "/laptop'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(xa.next(f -> f.contains("id=\"p2\""))).contains("from=\"" + jidOf(bob) + "/phone\"");

            // carol has no subscription with bob; a resource that does not exist: service-unavailable, nothing passed on
            xc.send("<iq xmlns='jabber:client' type='get' id='v2' to='" + jidOf(bob) + "/phone'><query xmlns='jabber:iq:version'/></iq>");
            assertThat(xc.next(f -> f.contains("id=\"v2\""))).contains("type=\"error\"").contains("<service-unavailable");
            xa.send("<iq xmlns='jabber:client' type='get' id='v3' to='" + jidOf(bob) + "/nowhere'><query xmlns='jabber:iq:version'/></iq>");
            assertThat(xa.next(f -> f.contains("id=\"v3\""))).contains("<service-unavailable");
            xb.send("<iq xmlns='jabber:client' type='get' id='after' to='" + isp.universalDomain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            xb.next(f -> f.contains("id=\"after\""));
            assertThat(xb.frames()).noneMatch(f -> f.contains("id=\"v2\"") || f.contains("id=\"v3\""));

            // bob blocks alice (XEP-0191): her IQs to his phone get service-unavailable, his to her not-acceptable <blocked/>
            xb.send("<iq xmlns='jabber:client' type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='" + jidOf(alice)
                    + "'/></block></iq>");
            assertThat(xb.next(f -> f.contains("id=\"b1\""))).contains("type=\"result\"");
            xa.send("<iq xmlns='jabber:client' type='get' id='v4' to='" + jidOf(bob) + "/phone'><query xmlns='jabber:iq:version'/></iq>");
            assertThat(xa.next(f -> f.contains("id=\"v4\""))).contains("type=\"error\"").contains("<service-unavailable");
            xb.send("<iq xmlns='jabber:client' type='get' id='v5' to='" + jidOf(alice) + "/laptop'><query xmlns='jabber:iq:version'/></iq>");
            assertThat(xb.next(f -> f.contains("id=\"v5\""))).contains("type=\"error\"").contains("<not-acceptable")
                    .contains("<blocked xmlns=\"urn:xmpp:blocking:errors\"");
            xb.send("<iq xmlns='jabber:client' type='get' id='after2' to='" + isp.universalDomain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            xb.next(f -> f.contains("id=\"after2\""));
            assertThat(xb.frames()).noneMatch(f -> f.contains("id=\"v4\""));
            assertThat(xa.frames()).noneMatch(f -> f.contains("id=\"v5\""));
        } finally {
            xa.close();
            xb.close();
            xc.close();
        }
    }
}
