package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stream management (XEP-0198) across a crash of the server (issue 14): a client handled a message (it is in its
 * count) but the server was killed ({@code kill -9}) before it learnt so. The restarted server no longer knows the
 * session, so the client's {@code <resume previd h/>} is answered {@code <failed/>} and the client binds anew; the
 * {@code h} of that resumption still counts: a message it covers is delivered to the device (its sender's history
 * says so) and is not given again, while one it does not cover comes again from storage, once.
 *
 * <p>Both cases share one crash of ISP A (a kill and a start cost half a minute on the test machine): before it, each
 * case's phone is given its message; after it, each case resumes and asserts on its own users only.
 */
class StreamManagementRestartIT {

    static IspServer isp;
    /** The phone that counted the message in its 'h' before the crash. */
    static Given counted;
    /** The phone that had not counted it yet. */
    static Given notCounted;

    @BeforeAll
    static void twoPhonesThenOneCrash() {
        isp = IspServer.a();
        String alice1 = Users.register(isp, "alice", true);
        String bob1 = Users.register(isp, "bob", true);
        String alice2 = Users.register(isp, "alice", true);
        String bob2 = Users.register(isp, "bob", true);
        try (LocalClient b1 = LocalClient.login(isp, bob1, "pc"); LocalClient b2 = LocalClient.login(isp, bob2, "pc")) {
            Given c = given(b1, alice1, bob1, true);
            Given n = given(b2, alice2, bob2, false);
            // the clients handled their message (or not), and never say so: the server dies first
            isp.kill9();
            c.phone().cut();
            n.phone().cut();
            counted = c;
            notCounted = n;
        }
        isp.startForTest();
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

    /** What a phone with resumable stream management was given and did not acknowledge: the SM-ID and its 'h'. */
    private record Handled(String previd, int h, String messageId) {
    }

    /** Alice's phone, given a message from Bob. */
    private record Given(String alice, String bob, SmClient phone, Handled handled) {
    }

    private static Given given(LocalClient b, String alice, String bob, boolean counted) {
        SmClient phone = SmClient.bound(isp, alice, "phone");
        String previd = SmClient.attribute(phone.enable("resume='true'"), "id");
        phone.available();
        String id = send(b, alice, "just before the crash");
        phone.next(f -> carries(f, id));
        int h = counted ? phone.handled() : phone.handledBefore(f -> carries(f, id));
        return new Given(alice, bob, phone, new Handled(previd, h, id));
    }

    /** After the restart: the resumption fails, the phone binds anew and sends its initial presence. */
    private static SmClient failedResumptionThenBind(String alice, Handled handled) {
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
        String alice = counted.alice();
        Handled handled = counted.handled();

        try (SmClient again = failedResumptionThenBind(alice, handled); LocalClient b = LocalClient.login(isp, counted.bob(), "pc")) {
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
        String alice = notCounted.alice();
        Handled handled = notCounted.handled();

        try (SmClient again = failedResumptionThenBind(alice, handled); LocalClient b = LocalClient.login(isp, notCounted.bob(), "pc")) {
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
