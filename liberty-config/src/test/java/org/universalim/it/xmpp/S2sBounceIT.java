package org.universalim.it.xmpp;

import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a universal user's XMPP client hears of a message another XMPP server cannot take (docs/xmpp-tcp.md): a server
 * that does not answer (the static route of {@code closed.example} leads to a closed port) is tried until
 * {@code xmpp.s2s.queue.seconds} (3 s on the test servers), then the message bounces with {@code remote-server-timeout};
 * a domain the administrator blocked ({@code blocked.example}) bounces at once with {@code remote-server-not-found}.
 */
class S2sBounceIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
    }

    private static List<Message> errors(XMPPTCPConnection c) {
        List<Message> errors = new CopyOnWriteArrayList<>();
        c.addAsyncStanzaListener(s -> errors.add((Message) s), MessageTypeFilter.ERROR);
        return errors;
    }

    @Test
    void aServerThatDoesNotAnswerBouncesWithRemoteServerTimeout() throws Exception {
        String alice = Users.register(isp, "alice", true);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        try {
            List<Message> errors = errors(a);
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("zoe@closed.example"))
                    .ofType(Message.Type.chat).setBody("anyone?").build());
            await().atMost(Duration.ofSeconds(30)).until(() -> !errors.isEmpty());
            Message bounce = errors.get(0);
            assertThat(bounce.getFrom().toString()).isEqualTo("zoe@closed.example");
            assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_timeout);
        } finally {
            a.disconnect();
        }
    }

    @Test
    void aBlockedDomainBouncesAtOnceWithRemoteServerNotFound() throws Exception {
        String alice = Users.register(isp, "alice", true);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        try {
            List<Message> errors = errors(a);
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("mallory@blocked.example"))
                    .ofType(Message.Type.chat).setBody("hello").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> !errors.isEmpty());
            assertThat(errors.get(0).getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
        } finally {
            a.disconnect();
        }
        // and its servers cannot connect either
        try (RawS2s peer = new RawS2s(isp.s2sPort(), isp.universalDomain())) {
            peer.header("blocked.example");
            assertThat(peer.until("</stream:stream>")).contains("<policy-violation");
        }
    }
}
