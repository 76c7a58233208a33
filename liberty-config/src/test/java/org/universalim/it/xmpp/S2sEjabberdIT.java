package org.universalim.it.xmpp;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-to-server XMPP with a real ejabberd (docs/xmpp-tcp.md), a dialback-only peer: it does not trust our
 * certificate's CA, so our server authenticates to it with Server Dialback (XEP-0220), which ejabberd checks by asking
 * our server back over a connection of its own (where we take its certificate, SASL EXTERNAL). A universal user of ISP A
 * and a user of ejabberd (Smack over TCP both) subscribe to each other, see each other's presence and chat both ways;
 * the ejabberd user reads the universal user's card.
 */
class S2sEjabberdIT {

    static IspServer isp;
    static Ejabberd ejabberd;

    @BeforeAll
    static void start() throws Exception {
        isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
        ejabberd = new Ejabberd(Map.of(isp.universalDomain(), isp.s2sPort()));
    }

    @AfterAll
    static void stop() {
        if (ejabberd != null) {
            ejabberd.close();
        }
    }

    @Test
    void aUniversalUserAndAnEjabberdUserSubscribeSeePresenceAndChatOverDialback() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String carol = Users.unique("carol");
        RemoteXmpp.register(Ejabberd.DOMAIN, Ejabberd.c2sPort(), carol, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid carolJid = JidCreate.entityBareFrom(carol + "@" + Ejabberd.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection c = RemoteXmpp.user(Ejabberd.DOMAIN, Ejabberd.c2sPort(), carol, Users.PASSWORD, "conversations");
        try {
            RemoteXmpp.subscribeBothWays(a, c, aliceJid, carolJid);
            RemoteXmpp.chat(a, c, aliceJid, carolJid, "hello ejabberd <&>", "hello Universal IM");

            // carol, whom alice lets see her presence, reads her card (XEP-0054) across the servers
            org.jivesoftware.smackx.vcardtemp.packet.VCard card =
                    org.jivesoftware.smackx.vcardtemp.VCardManager.getInstanceFor(c).loadVCard(aliceJid);
            assertThat(card.getNickName()).isEqualTo(alice.toUpperCase());

            // carol leaves: alice sees her go
            c.disconnect();
            Roster aliceRoster = Roster.getInstanceFor(a);
            RemoteXmpp.slow().until(() -> !aliceRoster.getPresence(carolJid).isAvailable());
        } finally {
            a.disconnect();
            c.disconnect();
        }
        // ejabberd took our stream on dialback, not on our certificate (it does not trust our CA)
        assertThat(ejabberd.log()).containsPattern("(?i)accepted inbound s2s dialback authentication.*"
                + isp.universalDomain().replace(".", "\\.") + ".*" + Ejabberd.DOMAIN.replace(".", "\\."));
    }
}
