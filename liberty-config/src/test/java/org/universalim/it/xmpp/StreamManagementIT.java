package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * XEP-0198 stream management on the XMPP endpoint, seen by a client on a raw socket: the feature, enabling,
 * acknowledgements both ways with the stanzas counted, a message that counts as delivered only once the client
 * acknowledged it, a device that does not acknowledge in time passed over for the next (R4), and a link cut
 * by a TCP reset with a message in flight: resumed, the message arrives exactly once; not resumed, it goes to the
 * next device or to storage and arrives once at the next log-on.
 */
class StreamManagementIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static String universal(String user) {
        return user + "@" + isp.universalDomain();
    }

    private static JsonObject send(LocalClient from, String to, String body) {
        JsonObject sent = from.request("message.send", Json.createObjectBuilder().add("to", universal(to)).add("body", body));
        assertThat(sent.getString("type")).as(sent.toString()).isEqualTo("result");
        return sent;
    }

    private static void rules(String user, String order, int ackMillis) {
        Http.Answer answer = Http.putJson(isp.uri("/api/v1/me/rules"), "{\"deviceOrder\": " + order + ", \"ackTimeoutMillis\": "
                + ackMillis + "}", user, Users.PASSWORD);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static boolean carries(String frame, String messageId) {
        return frame.startsWith("<message") && frame.contains("id=\"" + messageId + "\"");
    }

    @Test
    void theServerOffersStreamManagementAndCountsTheStanzasBothWays() {
        String alice = Users.register(isp, "alice", true);
        try (SmClient c = SmClient.authenticated(isp, alice)) {
            assertThat(c.frames(f -> f.contains("<stream:features")).get(1)).contains("<sm xmlns=\"urn:xmpp:sm:3\"/>");
            // not before a resource is bound (XEP-0198 section 3)
            assertThat(c.enable("")).startsWith("<failed xmlns=\"urn:xmpp:sm:3\">")
                    .contains("<unexpected-request xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
            c.send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<resource>phone</resource></bind></iq>");
            c.next(f -> f.contains("id=\"bind1\""));

            String enabled = c.enable("resume='true'");
            assertThat(enabled).startsWith("<enabled xmlns=\"urn:xmpp:sm:3\"").contains("resume=\"true\"").contains("max=\"300\"");
            assertThat(SmClient.attribute(enabled, "id")).hasSizeGreaterThanOrEqualTo(16);
            assertThat(c.enable("")).as("only once").contains("<unexpected-request");

            // the client's stanzas are counted: two pings handled
            c.roundTrip();
            c.roundTrip();
            c.send("<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(c.next(f -> f.startsWith("<a "))).isEqualTo("<a xmlns=\"urn:xmpp:sm:3\" h=\"2\"/>");

            // the server's: two answers; it asks for an acknowledgement of them
            assertThat(c.next(f -> f.startsWith("<r "))).isEqualTo("<r xmlns=\"urn:xmpp:sm:3\"/>");
            assertThat(c.handled()).isEqualTo(2);
            c.ack();
            c.roundTrip();

            // acknowledging more than was sent ends the stream (XEP-0198 section 6)
            c.send("<a xmlns='urn:xmpp:sm:3' h='7'/>");
            String error = c.next(f -> f.startsWith("<stream:error"));
            assertThat(error).contains("<undefined-condition xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
                    .contains("<handled-count-too-high xmlns=\"urn:xmpp:sm:3\" h=\"7\" send-count=\"3\"/>");
            c.awaitEnd();
        }
    }

    @Test
    void aMessageCountsAsDeliveredOnlyWhenTheClientAcknowledgedIt() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        try (SmClient phone = SmClient.bound(isp, alice, "phone"); LocalClient b = LocalClient.login(isp, bob, "pc")) {
            phone.enable("");
            phone.available();
            String id = send(b, alice, "are you there?").getString("messageId");
            phone.next(f -> carries(f, id));
            // the server asks for an acknowledgement soon; until the client gives it, the sender hears nothing
            phone.next(f -> f.startsWith("<r "));
            assertThat(b.received("receipt")).noneMatch(r -> r.getString("messageId").equals(id));
            phone.ack();
            JsonObject receipt = b.awaitPush("receipt", r -> r.getString("messageId").equals(id));
            assertThat(receipt.getString("status")).isEqualTo("delivered");
            assertThat(receipt.getString("device")).isEqualTo("phone");
        }
    }

    @Test
    void aDeviceThatDoesNotAcknowledgeInTimeIsPassedOverForTheNextDevice() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        try (SmClient phone = SmClient.bound(isp, alice, "phone"); LocalClient pc = LocalClient.login(isp, alice, "pc");
             LocalClient b = LocalClient.login(isp, bob, "pc")) {
            phone.enable("resume='true'");
            phone.available();
            rules(alice, "[\"phone\", \"pc\"]", 1500);
            JsonObject sent = send(b, alice, "anyone?");
            String id = sent.getString("messageId");
            assertThat(sent.getString("device")).isEqualTo("phone");
            phone.next(f -> carries(f, id));
            // the phone never acknowledges: after 1.5 s the message goes to the next device of the rules (R4)
            pc.awaitPush("message", m -> m.getString("messageId").equals(id));
            JsonObject receipt = b.awaitPush("receipt", r -> r.getString("messageId").equals(id));
            assertThat(receipt.getString("status")).isEqualTo("delivered");
            assertThat(receipt.getString("device")).isEqualTo("pc");
        }
    }

    @Test
    void aStreamCutWithAMessageInFlightIsResumedAndTheMessageArrivesOnce() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        try (LocalClient b = LocalClient.login(isp, bob, "pc")) {
            SmClient first = SmClient.bound(isp, alice, "phone");
            String previd = SmClient.attribute(first.enable("resume='true'"), "id");
            first.available();
            String id = send(b, alice, "in flight").getString("messageId");
            first.next(f -> carries(f, id));
            int h = first.handledBefore(f -> carries(f, id));
            first.cut();

            try (SmClient second = SmClient.authenticated(isp, alice)) {
                second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='" + h + "'/>");
                String resumed = second.next(f -> f.startsWith("<resumed") || f.startsWith("<failed"));
                assertThat(resumed).startsWith("<resumed xmlns=\"urn:xmpp:sm:3\"");
                assertThat(SmClient.attribute(resumed, "previd")).isEqualTo(previd);
                assertThat(SmClient.attribute(resumed, "h")).as("the presence and the ping of the first stream").isEqualTo("2");
                second.startCounting(h);
                second.next(f -> carries(f, id));
                second.ack();
                JsonObject receipt = b.awaitPush("receipt", r -> r.getString("messageId").equals(id));
                assertThat(receipt.getString("status")).isEqualTo("delivered");
                assertThat(receipt.getString("device")).isEqualTo("phone");

                // the resumed stream is the same session: the next message arrives on it too, and each once
                String next = send(b, alice, "and another").getString("messageId");
                second.next(f -> carries(f, next));
                second.roundTrip();
                assertThat(second.frames(f -> carries(f, id))).hasSize(1);
                assertThat(second.frames(f -> carries(f, next))).hasSize(1);
                assertThat(b.received("receipt")).filteredOn(r -> r.getString("messageId").equals(id)).hasSize(1);
            }
        }
    }

    /**
     * A stanza still being handled on the old link when the client resumes on a new one (its handling waits for a peer
     * that does not answer) is either in the {@code h} of {@code <resumed/>} or not handled at all: it is never counted
     * after the resumption told the client it was not, which would have the server acknowledge stanzas the client
     * never sent on the new stream and, at the next cut, the client not send again a message the server never had.
     */
    @Test
    void aStanzaHandledWhileTheSessionIsResumedIsCountedOnceAndBeforeTheResumption() throws Exception {
        String alice = Users.register(isp, "alice", true);
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread accepting = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // takes the connection and never says a word (a peer that hangs)
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-peer");
            accepting.setDaemon(true);
            accepting.start();
            String peer = "silent" + System.nanoTime() + ".example";
            Http.Answer added = Http.postJson(isp.uri("/api/v1/admin/peers"), Json.createObjectBuilder().add("domain", peer)
                    .add("baseUrl", "https://127.0.0.1:" + silent.getLocalPort()).add("transport", "REST")
                    .add("announceAll", false).build().toString(), "admin", IspServer.ADMIN_PASSWORD);
            assertThat(added.status()).as(added.body()).isEqualTo(201);

            SmClient first = SmClient.bound(isp, alice, "phone");
            String previd = SmClient.attribute(first.enable("resume='true'"), "id");
            first.available();
            String message = "<message xmlns='jabber:client' type='chat' to='bob@" + peer.replace(".example", "-u.example")
                    + "' id='slow-1'><body>hello</body><origin-id xmlns='urn:xmpp:sid:0' id='slow-1'/></message>";
            first.send(message);
            // the server is handling it: asking the silent peer what it takes
            await().atMost(Duration.ofSeconds(10)).until(() -> !held.isEmpty());
            first.cut();

            try (SmClient second = SmClient.authenticated(isp, alice)) {
                second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='" + first.handled() + "'/>");
                String resumed = second.next(f -> f.startsWith("<resumed") || f.startsWith("<failed"));
                assertThat(resumed).startsWith("<resumed");
                long h = Long.parseLong(SmClient.attribute(resumed, "h"));
                // the presence, the ping and the message were sent: what h leaves out goes again (same origin-id)
                assertThat(h).isBetween(2L, 3L);
                if (h == 2) {
                    second.send(message);
                }
                // the server's count is what the client sent, now and once the old link's handling is over (the
                // silent peer's question times out after 3 s on the test servers)
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    second.send("<r xmlns='urn:xmpp:sm:3'/>");
                    assertThat(SmClient.attribute(second.next(f -> f.startsWith("<a ")), "h"))
                            .as("the server's count of the client's stanzas (resumed with h=%d)", h).isEqualTo("3");
                });
            } finally {
                // the peer and what waits for it go: no other test meets them
                Http.delete(isp.uri("/api/v1/admin/peers/" + peer + "/outbox"), "admin", IspServer.ADMIN_PASSWORD);
                Http.delete(isp.uri("/api/v1/admin/peers/" + peer), "admin", IspServer.ADMIN_PASSWORD);
                held.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                });
            }
        }
    }

    @Test
    void aStreamCutAndNotResumedHandsTheMessageToTheNextDevice() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        try (LocalClient pc = LocalClient.login(isp, alice, "pc"); LocalClient b = LocalClient.login(isp, bob, "pc")) {
            SmClient phone = SmClient.bound(isp, alice, "phone");
            // the client asks for a resumption window of 1 s
            String enabled = phone.enable("resume='true' max='1'");
            assertThat(enabled).contains("max=\"1\"");
            String previd = SmClient.attribute(enabled, "id");
            phone.available();
            rules(alice, "[\"phone\", \"pc\"]", 30_000);
            String id = send(b, alice, "where are you?").getString("messageId");
            phone.next(f -> carries(f, id));
            phone.cut();

            // not resumed within 1 s: the session ends and what it did not acknowledge goes to the next device
            pc.await(m -> "message".equals(m.getString("type")) && m.getString("messageId").equals(id), Duration.ofSeconds(10));
            JsonObject receipt = b.awaitPush("receipt", r -> r.getString("messageId").equals(id));
            assertThat(receipt.getString("status")).isEqualTo("delivered");
            assertThat(receipt.getString("device")).isEqualTo("pc");
            try (SmClient late = SmClient.authenticated(isp, alice)) {
                late.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='0'/>");
                assertThat(late.next(f -> f.startsWith("<resumed") || f.startsWith("<failed")))
                        .startsWith("<failed xmlns=\"urn:xmpp:sm:3\"").contains("<item-not-found");
            }
            assertThat(pc.received("message")).filteredOn(m -> m.getString("messageId").equals(id)).hasSize(1);
        }
    }

    @Test
    void aStreamCutAndNotResumedWithNoOtherDeviceKeepsTheMessageForTheNextLogOn() {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        try (LocalClient b = LocalClient.login(isp, bob, "pc")) {
            SmClient phone = SmClient.bound(isp, alice, "phone");
            phone.enable("resume='true' max='1'");
            phone.available();
            String id = send(b, alice, "call me").getString("messageId");
            phone.next(f -> carries(f, id));
            phone.cut();

            JsonObject receipt = b.awaitPush("receipt", r -> r.getString("messageId").equals(id));
            assertThat(receipt.getString("status")).isEqualTo("stored");
            try (SmClient again = SmClient.bound(isp, alice, "phone")) {
                again.enable("");
                again.available();
                again.await(f -> carries(f, id));
                again.ack();
                b.awaitPush("receipt", r -> r.getString("messageId").equals(id) && r.getString("status").equals("delivered"));
                again.roundTrip();
                assertThat(again.frames(f -> carries(f, id))).hasSize(1);
                assertThat(again.frames(f -> carries(f, id)).get(0)).contains("<delay xmlns=\"urn:xmpp:delay\"");
            }
        }
    }
}
