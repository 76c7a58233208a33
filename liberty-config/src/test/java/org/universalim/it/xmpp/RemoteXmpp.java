package org.universalim.it.xmpp;

import org.awaitility.core.ConditionFactory;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Localpart;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the tests with a real remote XMPP server (Prosody, ejabberd) share: a Smack user of that server, and what two
 * users on either side of an s2s connection do and see (subscribe both ways, presence, chat).
 */
final class RemoteXmpp {

    private RemoteXmpp() {
    }

    /** A user of a remote server logged in with Smack over STARTTLS (TLS required, the test CA). */
    static XMPPTCPConnection user(String domain, int c2sPort, String user, String password, String resource) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain).setHostAddress(InetAddress.getByName("127.0.0.1")).setPort(c2sPort)
                .setUsernameAndPassword(user, password).setResource(resource)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(TcpClients.testCa()).setConnectTimeout(5000).build());
        return TcpClients.login(c);
    }

    /** A new user of a remote server, registered in-band (XEP-0077) over STARTTLS. */
    static void register(String domain, int c2sPort, String user, String password) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain).setHostAddress(InetAddress.getByName("127.0.0.1")).setPort(c2sPort)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(TcpClients.testCa()).setConnectTimeout(5000).build());
        c.setReplyTimeout(10_000);
        try {
            c.connect();
            AccountManager.getInstance(c).createAccount(Localpart.from(user), password);
        } finally {
            c.disconnect();
        }
    }

    /**
     * {@code a} asks to see {@code b}: the request crosses, {@code b} approves and asks back, {@code a} approves; then
     * each sees the other available.
     */
    static void subscribeBothWays(XMPPTCPConnection a, XMPPTCPConnection b, EntityBareJid aJid, EntityBareJid bJid) throws Exception {
        Roster aRoster = Roster.getInstanceFor(a);
        Roster bRoster = Roster.getInstanceFor(b);
        List<Jid> askedB = new CopyOnWriteArrayList<>();
        List<Jid> askedA = new CopyOnWriteArrayList<>();
        bRoster.addSubscribeListener((from, p) -> {
            askedB.add(from);
            return SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
        });
        aRoster.addSubscribeListener((from, p) -> {
            askedA.add(from);
            return SubscribeListener.SubscribeAnswer.Approve;
        });
        aRoster.createItemAndRequestSubscription(bJid, bJid.getLocalpart().toString(), null);
        slow().until(() -> askedB.contains(aJid));
        slow().until(() -> askedA.contains(bJid));
        slow().until(() -> aRoster.getPresence(bJid).isAvailable());
        slow().until(() -> bRoster.getPresence(aJid).isAvailable());
        assertThat(aRoster.getEntry(bJid)).isNotNull();
    }

    /** A message each way; the one {@code b} gets is from {@code a}'s bare JID. */
    static void chat(XMPPTCPConnection a, XMPPTCPConnection b, EntityBareJid aJid, EntityBareJid bJid,
                     String toB, String toA) throws Exception {
        List<Message> bGot = new CopyOnWriteArrayList<>();
        List<Message> aGot = new CopyOnWriteArrayList<>();
        ChatManager.getInstanceFor(b).addIncomingListener((from, message, chat) -> bGot.add(message));
        ChatManager.getInstanceFor(a).addIncomingListener((from, message, chat) -> aGot.add(message));
        ChatManager.getInstanceFor(a).chatWith(bJid).send(toB);
        slow().until(() -> bGot.stream().anyMatch(m -> toB.equals(m.getBody())));
        Jid sender = bGot.stream().filter(m -> toB.equals(m.getBody())).findFirst().orElseThrow().getFrom().asBareJid();
        assertThat(sender.toString()).isEqualTo(aJid.toString());
        ChatManager.getInstanceFor(b).chatWith(aJid).send(toA);
        slow().until(() -> aGot.stream().anyMatch(m -> toA.equals(m.getBody())));
    }

    /** Across two servers and their connection set-up. */
    static ConditionFactory slow() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }
}
