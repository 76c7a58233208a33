package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream management with a stock client, {@code @xmpp/client} 0.14 on Node, which enables it over WebSocket by
 * itself: its acknowledgements make a message delivered, and when its link is cut with a TCP reset while a message
 * is on its way (what the server sent is lost in the network), it reconnects, resumes the session, and gets that
 * message exactly once.
 */
class StreamManagementXmppJsIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
        XmppJsClient.install();
    }

    @Test
    void aStockClientResumesAfterItsLinkIsCutAndGetsTheMessageInFlightOnce() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.register(isp, "bob", true);
        String to = alice + "@" + isp.universalDomain();
        try (LinkCutter network = new LinkCutter(isp.httpPort());
             LocalClient b = LocalClient.login(isp, bob, "pc");
             XmppJsClient phone = new XmppJsClient("ws://127.0.0.1:" + network.port() + "/xmpp-websocket", isp.universalDomain(),
                     alice, Users.PASSWORD, "phone")) {
            phone.awaitEvent("online");
            // it enables stream management right after binding (and after its "online")
            assertThat(phone.await(e -> "sm".equals(e.getString("event")) && e.getString("element").startsWith("<enabled"))
                    .getString("element")).contains("resume=\"true\"");
            // the client's acknowledgement (it answers the server's <r/>) makes the message delivered
            String first = send(b, to, "first").getString("messageId");
            phone.await(e -> "message".equals(e.getString("event")) && first.equals(e.getString("id")));
            b.awaitPush("receipt", r -> r.getString("messageId").equals(first) && r.getString("status").equals("delivered"));

            // the link dies while the next message is on its way
            network.loseServerBytes();
            JsonObject sent = send(b, to, "in flight");
            assertThat(sent.getString("device")).isEqualTo("phone");
            String second = sent.getString("messageId");
            network.cut();

            phone.awaitEvent("resumed");
            phone.await(e -> "message".equals(e.getString("event")) && second.equals(e.getString("id")));
            JsonObject receipt = b.awaitPush("receipt", r -> r.getString("messageId").equals(second)
                    && !r.getString("status").equals("stored"));
            assertThat(receipt.getString("status")).isEqualTo("delivered");
            assertThat(receipt.getString("device")).isEqualTo("phone");
            String third = send(b, to, "after").getString("messageId");
            phone.await(e -> "message".equals(e.getString("event")) && third.equals(e.getString("id")));

            assertThat(phone.events("message")).extracting(e -> e.getString("id")).containsExactly(first, second, third);
            assertThat(phone.events("online")).as("resumed, not logged in again").hasSize(1);
        }
    }

    private static JsonObject send(LocalClient from, String to, String body) {
        JsonObject sent = from.request("message.send", Json.createObjectBuilder().add("to", to).add("body", body));
        assertThat(sent.getString("type")).as(sent.toString()).isEqualTo("result");
        return sent;
    }
}
