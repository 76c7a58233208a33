package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stream management (XEP-0198) across a crash of the server (issue 14): a client handled a message (it is in its
 * count) but the server was killed ({@code kill -9}) before it learnt so. The restarted server no longer knows the
 * session, so the client's {@code <resume previd h/>} is answered {@code <failed/>} and the client binds anew; the
 * {@code h} of that resumption still counts: a message it covers is delivered to the device (its sender's history
 * says so) and is not given again, while one it does not cover comes again from storage, once.
 */
class StreamManagementRestartIT {

    static IspServer isp;

    @BeforeAll
    static void ownServer() {
        isp = IspServer.own("smr", 12, "node1", "isp-a.example", Map.of());
        IspServer.startTogether(isp);
    }

    @AfterAll
    static void stopServer() {
        if (isp != null) {
            isp.stopForTest();
        }
    }

    private static String universal(String user) {
        return user + "@" + isp.universalDomain();
    }

    private static String send(LocalClient from, String to, String body) {
        JsonObject sent = from.request("message.send", Json.createObjectBuilder().add("to", universal(to)).add("body", body));
        assertThat(sent.getString("type")).as(sent.toString()).isEqualTo("result");
        return sent.getString("messageId");
    }

    private static boolean carries(String frame, String messageId) {
        return frame.startsWith("<message") && frame.contains("id=\"" + messageId + "\"");
    }

    /** A phone with resumable stream management given a message it does not acknowledge; the SM-ID and its 'h'. */
    private record Handled(String previd, int h, String messageId) {
    }

    private static Handled givenAndKilled(String alice, String bob, boolean counted) {
        try (LocalClient b = LocalClient.login(isp, bob, "pc")) {
            SmClient phone = SmClient.bound(isp, alice, "phone");
            String previd = SmClient.attribute(phone.enable("resume='true'"), "id");
            phone.available();
            String id = send(b, alice, "just before the crash");
            phone.next(f -> carries(f, id));
            // the client handled it (or not), and never says so: the server dies first
            int h = counted ? phone.handled() : phone.handledBefore(f -> carries(f, id));
            isp.kill9();
            phone.cut();
            return new Handled(previd, h, id);
        }
    }

    /** After the restart: the resumption fails, the phone binds anew and sends its initial presence. */
    private static SmClient failedResumptionThenBind(String alice, Handled handled) {
        isp.startForTest();
        SmClient again = SmClient.authenticated(isp, alice);
        again.send("<resume xmlns='urn:xmpp:sm:3' previd='" + handled.previd() + "' h='" + handled.h() + "'/>");
        String answer = again.next(f -> f.startsWith("<resumed") || f.startsWith("<failed"));
        assertThat(answer).startsWith("<failed xmlns=\"urn:xmpp:sm:3\"")
                .contains("<item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
        again.send("<iq xmlns='jabber:client' type='set' id='bind2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>phone</resource></bind></iq>");
        again.next(f -> f.contains("id=\"bind2\""));
        again.enable("");
        again.available();
        return again;
    }

    private static String statusInHistory(LocalClient b, String alice, String id) {
        JsonObject history = b.request("history.get", Json.createObjectBuilder().add("contact", universal(alice)).add("limit", 10));
        return history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("messageId").equals(id)).map(m -> m.getString("status")).findFirst().orElse("none");
    }

    @Test
    void aMessageTheClientHandledBeforeTheServerDiedIsNotGivenAgainAfterTheRestart() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        Handled handled = givenAndKilled(alice, bob, true);

        try (SmClient again = failedResumptionThenBind(alice, handled); LocalClient b = LocalClient.login(isp, bob, "pc")) {
            // the stored messages come before anything newer: once this one is here, the first would have been too
            String later = send(b, alice, "after the restart");
            again.next(f -> carries(f, later));
            assertThat(again.frames(f -> carries(f, handled.messageId()))).as("covered by the h of <resume/>").isEmpty();
            await("the sender's history").atMost(Duration.ofSeconds(15))
                    .until(() -> statusInHistory(b, alice, handled.messageId()), "delivered"::equals);
        }
    }

    @Test
    void aMessageTheClientHadNotHandledComesAgainOnceAfterTheRestart() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        Handled handled = givenAndKilled(alice, bob, false);

        try (SmClient again = failedResumptionThenBind(alice, handled); LocalClient b = LocalClient.login(isp, bob, "pc")) {
            again.await(f -> carries(f, handled.messageId()));
            String later = send(b, alice, "after the restart");
            again.next(f -> carries(f, later));
            assertThat(again.frames(f -> carries(f, handled.messageId()))).hasSize(1);
            assertThat(again.frames(f -> carries(f, handled.messageId())).get(0)).contains("<delay xmlns=\"urn:xmpp:delay\"");
            again.ack();
            await("the sender's history").atMost(Duration.ofSeconds(15))
                    .until(() -> statusInHistory(b, alice, handled.messageId()), "delivered"::equals);
        }
    }
}
