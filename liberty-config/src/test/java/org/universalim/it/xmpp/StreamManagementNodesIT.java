package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stream management with two nodes of one ISP (R12, PostgreSQL): a session is resumed only on the node that holds
 * it; on the other node the resumption is refused cleanly ({@code <failed><item-not-found/></failed>}), the client
 * binds there anew, and the message the first node had in flight reaches it exactly once (docs/cluster.md). When the
 * first node dies ({@code kill -9}) after the client handled the message, the 'h' of the client's {@code <resume/>} on
 * the other node still counts: the message is delivered, and not given again (issue 14).
 */
class StreamManagementNodesIT {

    @BeforeAll
    static void severalNodes() {
        Assumptions.assumeTrue(IspServer.isPostgresql(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
    }

    @Test
    void aResumptionOnTheOtherNodeIsRefusedAndTheMessageInFlightArrivesThereOnce() {
        IspServer node1 = IspServer.a();
        IspServer node2 = IspServer.aNode2();
        String alice = Users.register(node1, "alice", true);
        String bob = Users.register(node1, "bob", true);
        try (LocalClient b = LocalClient.login(node1, bob, "pc")) {
            SmClient first = SmClient.bound(node1, alice, "phone");
            String previd = SmClient.attribute(first.enable("resume='true'"), "id");
            first.available();
            JsonObject sent = b.request("message.send", Json.createObjectBuilder().add("to", alice + "@" + node1.universalDomain())
                    .add("body", "in flight on node 1"));
            String id = sent.getString("messageId");
            first.next(f -> f.startsWith("<message") && f.contains("id=\"" + id + "\""));
            int h = first.handledBefore(f -> f.startsWith("<message") && f.contains("id=\"" + id + "\""));
            first.cut();

            try (SmClient second = SmClient.authenticated(node2, alice)) {
                second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='" + h + "'/>");
                assertThat(second.next(f -> f.startsWith("<resumed") || f.startsWith("<failed")))
                        .isEqualTo("<failed xmlns=\"urn:xmpp:sm:3\"><item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></failed>");
                // XEP-0198 section 5: the client may bind a resource on the same stream
                second.send("<iq xmlns='jabber:client' type='set' id='bind2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                        + "<resource>phone</resource></bind></iq>");
                second.next(f -> f.contains("id=\"bind2\""));
                second.enable("resume='true'");
                second.available();
                second.await(f -> f.startsWith("<message") && f.contains("id=\"" + id + "\""));
                second.ack();
                b.awaitPush("receipt", r -> r.getString("messageId").equals(id) && r.getString("status").equals("delivered"));
                second.roundTrip();
                assertThat(second.frames(f -> f.startsWith("<message") && f.contains("id=\"" + id + "\""))).hasSize(1);
            }
        }
    }

    @Test
    void aMessageHandledBeforeTheNodeHoldingTheSessionDiedIsNotGivenAgainOnTheOtherNode() {
        IspServer node1 = IspServer.a();
        IspServer node2 = IspServer.aNode2();
        String alice = Users.register(node1, "alice", true);
        String bob = Users.register(node1, "bob", true);
        try (LocalClient b = LocalClient.login(node2, bob, "pc")) {
            SmClient first = SmClient.bound(node1, alice, "phone");
            String previd = SmClient.attribute(first.enable("resume='true'"), "id");
            first.available();
            String id = b.request("message.send", Json.createObjectBuilder().add("to", alice + "@" + node1.universalDomain())
                    .add("body", "handled, then node 1 died")).getString("messageId");
            first.next(f -> f.startsWith("<message") && f.contains("id=\"" + id + "\""));
            // handled, never acknowledged: node 1 dies first
            int h = first.handled();
            node1.kill9();
            first.cut();

            try (SmClient second = SmClient.authenticated(node2, alice)) {
                second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='" + h + "'/>");
                assertThat(second.next(f -> f.startsWith("<resumed") || f.startsWith("<failed")))
                        .isEqualTo("<failed xmlns=\"urn:xmpp:sm:3\"><item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></failed>");
                JsonObject receipt = b.awaitPush("receipt", r -> r.getString("messageId").equals(id) && r.getString("status").equals("delivered"));
                assertThat(receipt.getString("device")).isEqualTo("phone");
                second.send("<iq xmlns='jabber:client' type='set' id='bind2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                        + "<resource>phone</resource></bind></iq>");
                // answered once node 1 is declared dead, and what it held stored
                await().atMost(java.time.Duration.ofSeconds(60)).until(() -> !second.frames(f -> f.contains("id=\"bind2\"")).isEmpty());
                second.enable("resume='true'");
                second.available();
                // the stored messages come before anything newer
                String later = b.request("message.send", Json.createObjectBuilder().add("to", alice + "@" + node1.universalDomain())
                        .add("body", "after")).getString("messageId");
                second.await(f -> f.startsWith("<message") && f.contains("id=\"" + later + "\""));
                assertThat(second.frames(f -> f.startsWith("<message") && f.contains("id=\"" + id + "\""))).isEmpty();
            }
        } finally {
            node1.startForTest(); // for the other tests of this run
        }
    }
}
