package org.universalim.it.multinode;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Nginx;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;
import org.universalim.it.local.Contacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Local IM server nodes of ISP A on one PostgreSQL database (R12), directly and behind a real nginx:
 * users on different nodes see each other and chat, a user of ISP B reaches users on either node, a
 * device that logs on again elsewhere moves, and when a node is killed its users go offline for their
 * watchers and no message is lost.
 *
 * <p>The tests run in any order: each registers its own users, a test that changes a peer entry puts it back,
 * and the node a test killed is started again (on the same database) by the next test that asks for it.
 */
class MultiNodeIT {

    IspServer node1;
    IspServer node2;

    @BeforeAll
    static void severalNodes() {
        Assumptions.assumeTrue(IspServer.isPostgresql(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
    }

    @BeforeEach
    void bothNodesRunning() {
        node1 = IspServer.a();
        node2 = IspServer.aNode2();
    }

    private static String local(String user) {
        return user + "@isp-a.example";
    }

    private static String presenceOf(JsonObject frame, String user) {
        JsonObject p = frame.getJsonObject("presence");
        return p.getString("address").startsWith(user + "@") ? p.getString("aggregate") : "";
    }

    @Test
    void usersOnTwoNodesSeeEachOtherAndChatInOrder() {
        String alice = Users.register(node1, "alice", false);
        String bob = Users.register(node2, "bob", false);
        try (LocalClient a = LocalClient.login(node1, alice, "pc"); LocalClient b = LocalClient.login(node2, bob, "pc")) {
            Contacts.mutual(a, local(alice), b, local(bob));
            a.awaitPush("presence", f -> presenceOf(f, bob).equals("READY"));
            b.awaitPush("presence", f -> presenceOf(f, alice).equals("READY"));

            b.request("presence.set", Json.createObjectBuilder().add("state", "BUSY"));
            a.awaitPush("presence", f -> presenceOf(f, bob).equals("BUSY"));

            List<String> ids = new ArrayList<>();
            for (int n = 0; n < 50; n++) {
                JsonObject sent = a.request("message.send", Json.createObjectBuilder().add("to", local(bob)).add("body", "m" + n));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("sent");
                assertThat(sent.getString("device")).isEqualTo("pc");
                ids.add(sent.getString("messageId"));
            }
            b.awaitPush("message", f -> f.getString("messageId").equals(ids.get(ids.size() - 1)));
            b.request("ping");
            assertThat(b.received("message")).extracting(m -> m.getString("messageId", "")).containsExactlyElementsOf(ids);
            for (String id : ids) {
                JsonObject receipt = a.awaitPush("receipt", f -> f.getString("messageId").equals(id));
                assertThat(receipt.getString("status")).isEqualTo("delivered");
            }

            String reply = b.request("message.send", Json.createObjectBuilder().add("to", local(alice)).add("body", "back"))
                    .getString("messageId");
            assertThat(a.awaitPush("message", f -> f.getString("messageId").equals(reply)).getString("body")).isEqualTo("back");
            b.awaitPush("receipt", f -> f.getString("messageId").equals(reply) && f.getString("status").equals("delivered"));

            b.request("logout");
            a.awaitPush("presence", f -> presenceOf(f, bob).equals("OFFLINE"));
        }
    }

    @Test
    void aDeviceThatLogsOnAtTheOtherNodeMovesThere() {
        String carla = Users.register(node1, "carla", false);
        String dan = Users.register(node1, "dan", false);
        try (LocalClient c = LocalClient.login(node1, carla, "pc"); LocalClient d1 = LocalClient.login(node1, dan, "phone")) {
            Contacts.approve(c, local(dan), d1, local(carla));
            c.awaitPush("presence", f -> presenceOf(f, dan).equals("READY"));
            try (LocalClient d2 = LocalClient.login(node2, dan, "phone")) {
                d1.awaitClose();
                // dan stays online: the old session's end does not log the device off
                String id = c.request("message.send", Json.createObjectBuilder().add("to", local(dan)).add("body", "where?"))
                        .getString("messageId");
                d2.awaitPush("message", f -> f.getString("messageId").equals(id));
                c.request("ping");
                assertThat(c.received("presence")).noneMatch(f -> presenceOf(f, dan).equals("OFFLINE"));
            }
        }
    }

    @Test
    void aUserOfAnotherIspReachesUsersOnEitherNode() {
        IspServer b = IspServer.b();
        Federation.peer(node1, b, "REST", false);
        Federation.peer(b, node1, "REST", false);
        String erin = Users.register(node1, "erin", true);
        String finn = Users.register(node2, "finn", true);
        String gus = Users.register(b, "gus", true);
        String gusAddress = gus + "@isp-b-u.example";
        try (LocalClient e = LocalClient.login(node1, erin, "pc"); LocalClient f = LocalClient.login(node2, finn, "pc");
             LocalClient g = LocalClient.login(b, gus, "pc")) {
            for (LocalClient[] pair : new LocalClient[][] {{e, null}, {f, null}}) {
                String user = pair[0] == e ? erin : finn;
                String address = user + "@isp-a-u.example";
                JsonObject sent = g.request("message.send", Json.createObjectBuilder().add("to", address).add("body", "hi " + user));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("forwarded");
                JsonObject got = pair[0].await(m -> m.getString("type", "").equals("message")
                        && m.getString("messageId", "").equals(sent.getString("messageId")), Duration.ofSeconds(15));
                assertThat(got.getString("from")).isEqualTo(gusAddress);
                g.await(m -> m.getString("type", "").equals("receipt") && m.getString("messageId", "").equals(sent.getString("messageId"))
                        && m.getString("status", "").equals("delivered"), Duration.ofSeconds(15));

                // and back, from whichever node the user is on (one node drains the outbox for the ISP)
                JsonObject answer = pair[0].request("message.send", Json.createObjectBuilder().add("to", gusAddress)
                        .add("body", "hello from " + user));
                assertThat(answer.getString("status")).as(answer.toString()).isEqualTo("forwarded");
                g.await(m -> m.getString("type", "").equals("message") && m.getString("messageId", "").equals(answer.getString("messageId")),
                        Duration.ofSeconds(15));
                pair[0].await(m -> m.getString("type", "").equals("receipt") && m.getString("messageId", "").equals(answer.getString("messageId"))
                        && m.getString("status", "").equals("delivered"), Duration.ofSeconds(15));
            }

            // B now calls ISP A at node2: what arrives there reaches erin on node1
            peerAt(b, node2);
            try {
                JsonObject sent = g.request("message.send", Json.createObjectBuilder().add("to", erin + "@isp-a-u.example")
                        .add("body", "via node2"));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("forwarded");
                JsonObject got = e.await(m -> m.getString("type", "").equals("message")
                        && m.getString("messageId", "").equals(sent.getString("messageId")), Duration.ofSeconds(15));
                // two universal users: the body travels in the universal XML format (R9)
                assertThat(got.getString("xml")).contains("<body>via node2</body>");
                g.await(m -> m.getString("type", "").equals("receipt") && m.getString("messageId", "").equals(sent.getString("messageId"))
                        && m.getString("status", "").equals("delivered"), Duration.ofSeconds(15));
            } finally {
                peerAt(b, node1);
            }
        }
    }

    /** Points {@code at}'s peer entry for ISP A to one of A's nodes. */
    private static void peerAt(IspServer at, IspServer node) {
        JsonObject body = Json.createObjectBuilder().add("domain", node.domain())
                .add("baseUrl", "https://" + node.domain() + ":" + node.federationPort()).add("transport", "REST")
                .add("announceAll", false).build();
        Http.Answer changed = Http.putJson(at.uri("/api/v1/admin/peers/" + node.domain()), body.toString(), "admin",
                IspServer.ADMIN_PASSWORD);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    @Test
    void clientsBehindNginxChatWhicheverNodeTheyLandOn() {
        try (Nginx nginx = Nginx.balancing(IspServer.portBase() + 99, List.of(node1, node2))) {
            // registration and the REST API through the proxy too
            String hal = Users.unique("hal");
            Http.Answer registered = Http.postJson(nginx.uri("/api/v1/registrations"), Users.request(hal, false).build().toString());
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String ida = Users.register(node2, "ida", false);
            List<LocalClient> clients = new ArrayList<>();
            try {
                // round robin: consecutive connections land on both nodes
                LocalClient h = LocalClient.login(nginx.ws("/ws/local"), hal, "pc");
                clients.add(h);
                LocalClient i = LocalClient.login(nginx.ws("/ws/local"), ida, "pc");
                clients.add(i);
                Contacts.mutual(h, local(hal), i, local(ida));
                for (int n = 0; n < 10; n++) {
                    String id = h.request("message.send", Json.createObjectBuilder().add("to", local(ida)).add("body", "n" + n))
                            .getString("messageId");
                    i.awaitPush("message", m -> m.getString("messageId", "").equals(id));
                    String back = i.request("message.send", Json.createObjectBuilder().add("to", local(hal)).add("body", "r" + n))
                            .getString("messageId");
                    h.awaitPush("message", m -> m.getString("messageId", "").equals(back));
                }
                i.request("presence.set", Json.createObjectBuilder().add("state", "AWAY"));
                h.awaitPush("presence", f -> presenceOf(f, ida).equals("AWAY"));
            } finally {
                clients.forEach(LocalClient::close);
            }
        }
    }

    /** node2 stays down after this test; the next test that needs it starts it again. */
    @Test
    void whenANodeDiesItsUsersGoOfflineAndNoMessageIsLost() {
        String jo = Users.register(node1, "jo", false);
        String kim = Users.register(node2, "kim", false);
        try (LocalClient j = LocalClient.login(node1, jo, "pc")) {
            String inFlight;
            try (LocalClient k = LocalClient.login(node2, kim, "pc")) {
                Contacts.mutual(j, local(jo), k, local(kim));
                j.awaitPush("presence", f -> presenceOf(f, kim).equals("READY"));
                // kim's device takes one message and never acknowledges it before the crash
                k.autoAck(false);
                JsonObject sent = j.request("message.send", Json.createObjectBuilder().add("to", local(kim)).add("body", "in flight"));
                assertThat(sent.getString("status")).isEqualTo("sent");
                inFlight = sent.getString("messageId");
                k.awaitPush("message", f -> f.getString("messageId").equals(inFlight));

                long killed = System.nanoTime();
                node2.kill9();
                j.await(f -> f.getString("type").equals("presence") && presenceOf(f, kim).equals("OFFLINE"), Duration.ofSeconds(30));
                Duration noticed = Duration.ofNanos(System.nanoTime() - killed);
                System.out.printf("[it] node2 killed: its user seen offline on node1 after %d ms%n", noticed.toMillis());
                assertThat(noticed).isLessThan(Duration.ofSeconds(15));
            }

            List<String> later = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                JsonObject sent = j.request("message.send", Json.createObjectBuilder().add("to", local(kim)).add("body", "later " + n));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("stored");
                later.add(sent.getString("messageId"));
            }
            try (LocalClient k = LocalClient.login(node1, kim, "pc")) {
                List<String> expected = new ArrayList<>();
                expected.add(inFlight);
                expected.addAll(later);
                k.awaitPush("message", f -> f.getString("messageId").equals(later.get(later.size() - 1)));
                k.request("ping");
                assertThat(k.received("message")).extracting(m -> m.getString("messageId", "")).containsExactlyElementsOf(expected);
                for (String id : expected) {
                    j.awaitPush("receipt", f -> f.getString("messageId").equals(id) && f.getString("status").equals("delivered"));
                }
            }
        }
    }
}
