package org.universalim.it.xmpp;

import jakarta.json.JsonObject;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Localpart;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.universalim.it.xmpp.SmackClients.await;
import static org.universalim.it.xmpp.SmackClients.jid;

/** A stock XMPP client (Smack) against the XMPP endpoint: log-in, roster, subscriptions, presence, chat, offline messages, registration. */
class SmackIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void logsInWithScramSha1AndLoadsTheRoster() throws Exception {
        String user = Users.register(isp, "alice", true);
        // PLAIN is offered over TLS only (security/PlainMechanismIT); Smack's WebSocket here is ws://
        for (String mechanism : List.of("SCRAM-SHA-1")) {
            ModularXmppClientToServerConnection c = SmackClients.login(isp, user, "pc-" + mechanism.toLowerCase(), mechanism);
            try {
                assertThat(c.isAuthenticated()).isTrue();
                assertThat(c.getUsedSaslMechansism()).isEqualTo(mechanism);
                assertThat(c.getUser().toString()).isEqualTo(user + "@isp-a-u.example/pc-" + mechanism.toLowerCase());
                assertThat(Roster.getInstanceFor(c).isLoaded()).isTrue();
                assertThat(Roster.getInstanceFor(c).getEntries()).isEmpty();
                assertThat(PingManager.getInstanceFor(c).pingMyServer()).isTrue();
            } finally {
                c.disconnect();
            }
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        String user = Users.register(isp, "bert", true);
        ModularXmppClientToServerConnection c = SmackClients.connection(isp, user, "not the password", "pc", "SCRAM-SHA-1");
        try {
            assertThatThrownBy(() -> c.connect().login()).hasMessageContaining("not-authorized");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void subscribeApproveSeePresenceAndChat() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        EntityBareJid aliceJid = jid(isp, alice);
        EntityBareJid bobJid = jid(isp, bob);
        ModularXmppClientToServerConnection a = SmackClients.login(isp, alice, "laptop", null);
        ModularXmppClientToServerConnection b = SmackClients.login(isp, bob, "phone", null);
        try {
            Roster aliceRoster = Roster.getInstanceFor(a);
            Roster bobRoster = Roster.getInstanceFor(b);
            List<Jid> asked = new CopyOnWriteArrayList<>();
            bobRoster.addSubscribeListener((from, presence) -> {
                asked.add(from);
                return SubscribeListener.SubscribeAnswer.Approve;
            });

            aliceRoster.createItemAndRequestSubscription(bobJid, "Bob", new String[] {"friends"});
            await().until(() -> asked.contains(aliceJid));
            await().until(() -> aliceRoster.getEntry(bobJid) != null
                    && aliceRoster.getEntry(bobJid).getType() == RosterPacket.ItemType.to);
            RosterEntry entry = aliceRoster.getEntry(bobJid);
            assertThat(entry.getName()).isEqualTo("Bob");
            assertThat(entry.getGroups()).extracting(g -> g.getName()).containsExactly("friends");
            await().until(() -> aliceRoster.getPresence(bobJid).isAvailable());
            assertThat(aliceRoster.getPresence(bobJid).getFrom().toString()).isEqualTo(bobJid + "/phone");
            // bob, who approved, has alice on his roster with subscription from
            await().until(() -> bobRoster.getEntry(aliceJid) != null
                    && bobRoster.getEntry(aliceJid).getType() == RosterPacket.ItemType.from);

            // bob goes away: alice sees it
            b.sendStanza(b.getStanzaFactory().buildPresenceStanza().setMode(Presence.Mode.away).setStatus("lunch").build());
            await().until(() -> aliceRoster.getPresence(bobJid).getMode() == Presence.Mode.away);
            assertThat(aliceRoster.getPresence(bobJid).getStatus()).isEqualTo("lunch");
            b.sendStanza(b.getStanzaFactory().buildPresenceStanza().setMode(Presence.Mode.available).build());
            await().until(() -> aliceRoster.getPresence(bobJid).getMode() == Presence.Mode.available);

            // chat both ways
            List<Message> toBob = new CopyOnWriteArrayList<>();
            List<Message> toAlice = new CopyOnWriteArrayList<>();
            ChatManager.getInstanceFor(b).addIncomingListener((from, message, chat) -> toBob.add(message));
            ChatManager.getInstanceFor(a).addIncomingListener((from, message, chat) -> toAlice.add(message));
            ChatManager.getInstanceFor(a).chatWith(bobJid).send("Hi Bob");
            await().until(() -> !toBob.isEmpty());
            assertThat(toBob.get(0).getBody()).isEqualTo("Hi Bob");
            assertThat(toBob.get(0).getFrom().asBareJid().toString()).isEqualTo(aliceJid.toString());
            assertThat(toBob.get(0).getType()).isEqualTo(Message.Type.chat);
            ChatManager.getInstanceFor(b).chatWith(aliceJid).send("Hi Alice <3 & more");
            await().until(() -> !toAlice.isEmpty());
            assertThat(toAlice.get(0).getBody()).isEqualTo("Hi Alice <3 & more");

            // bob logs off: alice sees him unavailable
            b.disconnect();
            await().until(() -> !aliceRoster.getPresence(bobJid).isAvailable());
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void messagesForAnOfflineUserArriveAtLogOn() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String carol = Users.register(isp, "carol", true);
        ModularXmppClientToServerConnection a = SmackClients.login(isp, alice, "laptop", null);
        try {
            ChatManager.getInstanceFor(a).chatWith(jid(isp, carol)).send("while you were out");
            ChatManager.getInstanceFor(a).chatWith(jid(isp, carol)).send("call me");
            // answered after the two messages were handed to the routing core
            assertThat(PingManager.getInstanceFor(a).pingMyServer()).isTrue();
        } finally {
            a.disconnect();
        }
        List<Message> received = new CopyOnWriteArrayList<>();
        ModularXmppClientToServerConnection c = SmackClients.connection(isp, carol, Users.PASSWORD, "tablet", null);
        c.addAsyncStanzaListener(stanza -> received.add((Message) stanza), MessageWithBodiesFilter.INSTANCE);
        try {
            c.connect().login();
            await().untilAsserted(() -> assertThat(received).extracting(Message::getBody)
                    .containsExactlyInAnyOrder("while you were out", "call me"));
            DelayInformation delay = DelayInformation.from(received.get(0));
            assertThat(delay).isNotNull();
            assertThat(delay.getStamp()).isNotNull();
            assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(jid(isp, alice).toString());
        } finally {
            c.disconnect();
        }
    }

    @Test
    void registersInBandAndLogsIn() throws Exception {
        String name = Users.unique("nina");
        ModularXmppClientToServerConnection c = SmackClients.connection(isp, null, null, null, null);
        try {
            c.connect();
            AccountManager accounts = AccountManager.getInstance(c);
            accounts.sensitiveOperationOverInsecureConnection(true);
            assertThat(accounts.supportsAccountCreation()).isTrue();
            assertThat(accounts.getAccountAttributes()).contains("username", "password", "name", "email", "address");
            accounts.createAccount(Localpart.from(name), Users.PASSWORD, new java.util.HashMap<>(Map.of("name", "Nina Example",
                    "email", name + "@mail.example", "address", "2 Side St", "nick", "Nini", "misc", "B-77")));
            // the same name again is a conflict
            assertThatThrownBy(() -> accounts.createAccount(Localpart.from(name), Users.PASSWORD, new java.util.HashMap<>(Map.of("name", "Other"))))
                    .hasMessageContaining("conflict");
        } finally {
            c.disconnect();
        }
        JsonObject profile = Http.get(isp.uri("/api/v1/users/" + name)).json();
        assertThat(profile.getBoolean("universal")).isTrue();
        assertThat(profile.getString("screenName")).isEqualTo("Nini");
        JsonObject me = Http.get(isp.uri("/api/v1/me"), name, Users.PASSWORD).json();
        assertThat(me.getJsonObject("attributes").getString("fullName")).isEqualTo("Nina Example");
        assertThat(me.getJsonObject("attributes").getString("postalAddress")).isEqualTo("2 Side St");
        assertThat(me.getJsonObject("attributes").getString("billingReference")).isEqualTo("B-77");

        ModularXmppClientToServerConnection logged = SmackClients.login(isp, name, "pc", "SCRAM-SHA-1");
        try {
            assertThat(logged.isAuthenticated()).isTrue();
        } finally {
            logged.disconnect();
        }
    }

    @Test
    void aSecondLogInOfTheSameResourceReplacesTheFirst() throws Exception {
        String user = Users.register(isp, "olga", true);
        ModularXmppClientToServerConnection first = SmackClients.login(isp, user, "pc", null);
        ModularXmppClientToServerConnection second = SmackClients.login(isp, user, "pc", null);
        try {
            await().until(() -> !first.isConnected());
            assertThat(second.isAuthenticated()).isTrue();
            assertThat(PingManager.getInstanceFor(second).pingMyServer()).isTrue();
        } finally {
            first.disconnect();
            second.disconnect();
        }
    }
}
