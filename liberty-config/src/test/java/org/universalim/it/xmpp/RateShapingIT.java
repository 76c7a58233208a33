package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that writes faster than its connection's rate (50 a second, bursts of 200: docs/security.md) is slowed
 * down, not refused (issue 14): 400 messages written back to back in one go, twice the burst, as a client does when the
 * network held its frames back and gives them all at once, all reach the recipient, once each and in the order sent,
 * and the sender is refused none. The same at the three doors: the Local protocol, XMPP over WebSocket, XMPP over TCP.
 */
class RateShapingIT {

    private static final int MESSAGES = 400;
    /** 200 at once, then 200 at 50 a second: about 4 s, with room for a loaded machine. */
    private static final Duration ALL_DELIVERED = Duration.ofSeconds(60);
    private static final Pattern BODY = Pattern.compile("<body>(m\\d+)</body>");

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static List<String> expected() {
        return IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void theLocalProtocolSlowsAFastSenderDownAndRefusesNothing() {
        String alice = Users.register(isp, "shapa", false);
        String bob = Users.register(isp, "shapb", false);
        try (LocalClient a = LocalClient.login(isp, alice, "pc"); LocalClient b = LocalClient.login(isp, bob, "pc")) {
            for (int i = 0; i < MESSAGES; i++) {
                a.sendRaw(Json.createObjectBuilder().add("type", "message.send").add("id", "s" + i)
                        .add("to", bob + "@isp-a.example").add("body", "m" + i).build().toString());
            }
            await().atMost(ALL_DELIVERED).until(() -> b.received("message").size() >= MESSAGES
                    || !a.received("error").isEmpty());
            assertThat(a.received("error")).as("errors the sender got").isEmpty();
            assertThat(b.received("message")).extracting(m -> m.getString("body")).containsExactlyElementsOf(expected());
            await().atMost(ALL_DELIVERED).until(() -> a.received("result").stream()
                    .filter(r -> r.getString("id", "").startsWith("s")).count() >= MESSAGES);
            assertThat(a.received("result")).filteredOn(r -> r.getString("id", "").startsWith("s"))
                    .extracting(r -> r.getString("id")).containsExactlyElementsOf(IntStream.range(0, MESSAGES)
                            .mapToObj(i -> "s" + i).toList());
            assertThat(a.isClosed()).isFalse();
        }
    }

    @Test
    void xmppOverWebSocketSlowsAFastSenderDownAndRefusesNothing() {
        String alice = Users.register(isp, "shwa", true);
        String bob = Users.register(isp, "shwb", true);
        try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc");
             RawXmppClient b = available(bob)) {
            for (int i = 0; i < MESSAGES; i++) {
                a.send(message(bob, i));
            }
            await().atMost(ALL_DELIVERED).until(() -> bodies(String.join("", b.frames())).size() >= MESSAGES
                    || a.frames().stream().anyMatch(f -> f.contains("type=\"error\"")));
            assertThat(a.frames()).as("what the sender got").noneMatch(f -> f.contains("type=\"error\"") || f.contains("<stream:error"));
            assertThat(bodies(String.join("", b.frames()))).containsExactlyElementsOf(expected());
        }
    }

    @Test
    void xmppOverTcpSlowsAFastSenderDownAndRefusesNothing() {
        String alice = Users.register(isp, "shta", true);
        String bob = Users.register(isp, "shtb", true);
        try (RawTcpXmpp a = RawTcpXmpp.directTls(isp); RawXmppClient b = available(bob)) {
            a.open();
            a.logIn(alice, Users.PASSWORD, "pc");
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < MESSAGES; i++) {
                all.append(message(bob, i));
            }
            all.append("<iq type='get' id='last'><ping xmlns='urn:xmpp:ping'/></iq>");
            a.send(all.toString()); // one write: the server reads many stanzas at a time
            String answers = a.awaitAny("id=\"last\"", "id='last'");
            await().atMost(ALL_DELIVERED).until(() -> bodies(String.join("", b.frames())).size() >= MESSAGES);
            assertThat(answers).as("what the sender got").doesNotContain("policy-violation").doesNotContain("<stream:error");
            assertThat(bodies(String.join("", b.frames()))).containsExactlyElementsOf(expected());
        }
    }

    /** A recipient with its initial presence sent, so that messages go to it at once rather than to storage. */
    private static RawXmppClient available(String user) {
        RawXmppClient c = RawXmppClient.loggedIn(isp, user, Users.PASSWORD, "pc");
        c.send("<presence xmlns='jabber:client'/>");
        c.send("<iq xmlns='jabber:client' type='get' id='ready'><ping xmlns='urn:xmpp:ping'/></iq>");
        c.next(f -> f.contains("id=\"ready\""));
        return c;
    }

    private static String message(String to, int i) {
        return "<message xmlns='jabber:client' type='chat' id='s" + i + "' to='" + to + "@isp-a-u.example'><body>m" + i
                + "</body></message>";
    }

    private static List<String> bodies(String frames) {
        List<String> found = new ArrayList<>();
        Matcher m = BODY.matcher(frames);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
