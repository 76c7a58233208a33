package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.it.xmpp.SmackClients.await;
import static org.universalim.it.xmpp.SmackClients.jid;

/** XMPP and the Local protocol on one ISP share users, rosters, presence and messages (R10). */
class XmppLocalIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static String universal(String user) {
        return user + "@isp-a-u.example";
    }

    @Test
    void aSmackUserAndALocalUserChatAndSeeEachOthersPresence() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        EntityBareJid bobJid = jid(isp, bob);
        ModularXmppClientToServerConnection a = SmackClients.login(isp, alice, "laptop", null);
        try (LocalClient b = LocalClient.login(isp, bob, "pc")) {
            Roster roster = Roster.getInstanceFor(a);
            roster.addSubscribeListener((from, presence) -> SubscribeListener.SubscribeAnswer.Approve);

            // bob (Local protocol) asks to see alice (XMPP), who approves from Smack
            assertThat(b.request("roster.add", Json.createObjectBuilder().add("contact", universal(alice))).getString("type"))
                    .isEqualTo("result");
            b.awaitPush("subscription.answer", f -> f.getBoolean("approved"));
            b.awaitPush("presence", f -> presenceOf(f, alice).equals("READY"));

            // alice (XMPP) asks to see bob, who approves over the Local protocol
            roster.createItemAndRequestSubscription(bobJid, "Bob", null);
            b.awaitPush("subscription.request", f -> f.getString("from").equals(universal(alice)));
            assertThat(b.request("subscription.approve", Json.createObjectBuilder().add("contact", universal(alice)))
                    .getString("type")).isEqualTo("result");
            await().until(() -> roster.getPresence(bobJid).isAvailable());

            // presence both ways
            b.request("presence.set", Json.createObjectBuilder().add("state", "BUSY").add("statusText", "call"));
            await().until(() -> roster.getPresence(bobJid).getMode() == Presence.Mode.dnd);
            assertThat(roster.getPresence(bobJid).getStatus()).isEqualTo("call");
            a.sendStanza(a.getStanzaFactory().buildPresenceStanza().setMode(Presence.Mode.away).build());
            b.awaitPush("presence", f -> presenceOf(f, alice).equals("AWAY"));

            // messages both ways: between two universal users the Local client gets the universal XML format (R9)
            List<Message> toAlice = new CopyOnWriteArrayList<>();
            ChatManager.getInstanceFor(a).addIncomingListener((from, message, chat) -> toAlice.add(message));
            ChatManager.getInstanceFor(a).chatWith(bobJid).send("Hi from XMPP");
            JsonObject got = b.awaitPush("message", f -> f.getString("from").equals(universal(alice)));
            assertThat(got.getString("format")).isEqualTo("xml");
            assertThat(got.getString("xml")).contains("<body>Hi from XMPP</body>");
            JsonObject sent = b.request("message.send", Json.createObjectBuilder().add("to", universal(alice)).add("body", "Hi from Local"));
            assertThat(sent.getString("status")).isEqualTo("sent");
            await().until(() -> toAlice.stream().anyMatch(m -> "Hi from Local".equals(m.getBody())));
            b.awaitPush("receipt", f -> f.getString("messageId").equals(sent.getString("messageId"))
                    && f.getString("status").equals("delivered"));
        } finally {
            a.disconnect();
        }
    }

    @Test
    void oneUserOnBothProtocolsIsOneUserWithTwoDevices() throws Exception {
        String dave = Users.register(isp, "dave", true);
        String erin = Users.register(isp, "erin", true);
        try (LocalClient phone = LocalClient.login(isp, dave, "phone"); LocalClient e = LocalClient.login(isp, erin, "pc")) {
            // erin watches dave
            e.request("roster.add", Json.createObjectBuilder().add("contact", universal(dave)));
            phone.awaitPush("subscription.request", f -> f.getString("from").equals(universal(erin)));
            phone.request("subscription.approve", Json.createObjectBuilder().add("contact", universal(erin)));

            List<Presence> ownPresence = new CopyOnWriteArrayList<>();
            List<Message> onLaptop = new CopyOnWriteArrayList<>();
            ModularXmppClientToServerConnection laptop = SmackClients.connection(isp, dave, Users.PASSWORD, "laptop", null);
            laptop.addAsyncStanzaListener(p -> ownPresence.add((Presence) p), StanzaTypeFilter.PRESENCE);
            laptop.addAsyncStanzaListener(m -> onLaptop.add((Message) m), MessageWithBodiesFilter.INSTANCE);
            try {
                laptop.connect().login();
                // each protocol sees the other device of the same user
                phone.awaitPush("presence", f -> deviceState(f, "laptop").equals("READY"));
                await().until(() -> ownPresence.stream().anyMatch(p -> p.getFrom().toString().equals(universal(dave) + "/phone")
                        && p.isAvailable()));
                // and a watcher sees both devices of one user
                e.awaitPush("presence", f -> deviceState(f, "laptop").equals("READY") && deviceState(f, "phone").equals("READY"));

                // a higher XMPP priority puts the laptop first in the delivery order (R4)...
                laptop.sendStanza(laptop.getStanzaFactory().buildPresenceStanza().setPriority(10).build());
                await().until(() -> firstDevice(dave).equals("laptop"));
                String first = e.request("message.send", Json.createObjectBuilder().add("to", universal(dave)).add("body", "one"))
                        .getString("messageId");
                await().until(() -> onLaptop.stream().anyMatch(m -> "one".equals(m.getBody())));
                assertThat(phone.received("message")).noneMatch(f -> f.getString("messageId").equals(first));
                e.awaitPush("receipt", f -> f.getString("messageId").equals(first) && f.getString("status").equals("delivered")
                        && f.getString("device").equals("laptop"));

                // ...and a negative one puts it after the phone
                laptop.sendStanza(laptop.getStanzaFactory().buildPresenceStanza().setPriority(-5).build());
                await().until(() -> firstDevice(dave).equals("phone"));
                String second = e.request("message.send", Json.createObjectBuilder().add("to", universal(dave)).add("body", "two"))
                        .getString("messageId");
                phone.awaitPush("message", f -> f.getString("messageId").equals(second));
                assertThat(onLaptop).noneMatch(m -> "two".equals(m.getBody()));
            } finally {
                laptop.disconnect();
            }
            phone.awaitPush("presence", f -> deviceState(f, "laptop").equals("OFFLINE"));
        }
    }

    private static String firstDevice(String user) {
        return Http.get(isp.uri("/api/v1/me/rules"), user, Users.PASSWORD).json().getJsonArray("deviceOrder").getString(0);
    }

    private static String presenceOf(JsonObject frame, String user) {
        JsonObject presence = frame.getJsonObject("presence");
        return presence.getString("address").startsWith(user + "@") ? presence.getString("aggregate") : "";
    }

    private static String deviceState(JsonObject frame, String device) {
        return frame.getJsonObject("presence").getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("name").equals(device)).map(d -> d.getString("state")).findFirst().orElse("");
    }
}
