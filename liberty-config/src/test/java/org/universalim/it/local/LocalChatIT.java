package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two users of one ISP over the Local IM protocol: subscribe, approve or deny, see presence, chat. */
class LocalChatIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static String local(String user) {
        return user + "@isp-a.example";
    }

    @Test
    void twoUsersSubscribeSeePresenceChangesAndChat() {
        String alice = Users.register(isp, "alice", false);
        String bob = Users.register(isp, "bob", false);
        try (LocalClient a = LocalClient.login(isp, alice, "pc"); LocalClient b = LocalClient.login(isp, bob, "pc")) {
            Contacts.approve(a, local(bob), b, local(alice));
            // alice sees bob at once after the approval
            a.awaitPush("presence", f -> presenceOf(f, bob).equals("READY"));

            long before = System.nanoTime();
            assertThat(b.request("presence.set", Json.createObjectBuilder().add("state", "BUSY").add("statusText", "call"))
                    .getString("type")).isEqualTo("result");
            JsonObject busy = a.await(f -> f.getString("type").equals("presence") && presenceOf(f, bob).equals("BUSY"),
                    Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
            assertThat(busy.getJsonObject("presence").getString("statusText")).isEqualTo("call");

            JsonObject sent = a.request("message.send", Json.createObjectBuilder().add("to", local(bob)).add("body", "Hi Bob"));
            assertThat(sent.getString("type")).as(sent.toString()).isEqualTo("result");
            assertThat(sent.getString("status")).isEqualTo("sent");
            String id = sent.getString("messageId");
            JsonObject got = b.awaitPush("message", f -> f.getString("messageId").equals(id));
            assertThat(got.getString("from")).isEqualTo(local(alice));
            assertThat(got.getString("body")).isEqualTo("Hi Bob");
            assertThat(got.getString("format")).isEqualTo("json");
            JsonObject receipt = a.awaitPush("receipt", f -> f.getString("messageId").equals(id));
            assertThat(receipt.getString("status")).isEqualTo("delivered");
            assertThat(receipt.getString("device")).isEqualTo("pc");

            String reply = b.request("message.send", Json.createObjectBuilder().add("to", local(alice)).add("body", "Hi Alice"))
                    .getString("messageId");
            a.awaitPush("message", f -> f.getString("messageId").equals(reply));

            b.awaitPush("receipt", f -> f.getString("messageId").equals(reply));
            List<JsonObject> history = a.request("history.get", Json.createObjectBuilder().add("contact", local(bob)))
                    .getJsonArray("messages").getValuesAs(JsonObject.class);
            assertThat(history).extracting(m -> m.getString("body")).containsExactly("Hi Alice", "Hi Bob");
            assertThat(history.get(0).getBoolean("outgoing")).isFalse();
            assertThat(history.get(1).getString("status")).isEqualTo("delivered");

            // the roster names bob with his presence
            JsonObject roster = a.request("roster.get");
            JsonObject entry = roster.getJsonArray("roster").getJsonObject(0);
            assertThat(entry.getString("contact")).isEqualTo(local(bob));
            assertThat(entry.getString("subscription")).isEqualTo("TO");
            assertThat(entry.getBoolean("universal")).isFalse();
            assertThat(entry.getJsonObject("presence").getString("aggregate")).isEqualTo("BUSY");

            b.request("logout");
            a.awaitPush("presence", f -> presenceOf(f, bob).equals("OFFLINE"));
        }
    }

    @Test
    void aDeniedRequestShowsNothing() {
        String carol = Users.register(isp, "carol", false);
        String dave = Users.register(isp, "dave", false);
        try (LocalClient c = LocalClient.login(isp, carol, "pc"); LocalClient d = LocalClient.login(isp, dave, "pc")) {
            c.request("roster.add", Json.createObjectBuilder().add("contact", local(dave)));
            d.awaitPush("subscription.request", f -> f.getString("from").equals(local(carol)));
            assertThat(d.request("subscription.deny", Json.createObjectBuilder().add("contact", local(carol)))
                    .getString("type")).isEqualTo("result");
            c.awaitPush("subscription.answer", f -> !f.getBoolean("approved"));

            JsonObject entry = c.request("roster.get").getJsonArray("roster").getJsonObject(0);
            assertThat(entry.getString("subscription")).isEqualTo("NONE");
            assertThat(entry.isNull("presence")).isTrue();
            JsonObject connect = c.request("connect", Json.createObjectBuilder().add("contact", local(dave)));
            assertThat(connect.getJsonObject("answer").getString("code")).isEqualTo("not_authorized");
            d.request("presence.set", Json.createObjectBuilder().add("state", "AWAY"));
            assertThat(c.received("presence")).noneMatch(f -> presenceOf(f, dave).equals("AWAY"));
        }
    }

    @Test
    void aPendingRequestWaitsForTheNextLogOn() {
        String erin = Users.register(isp, "erin", false);
        String fay = Users.register(isp, "fay", false);
        try (LocalClient e = LocalClient.login(isp, erin, "pc")) {
            e.request("subscription.request", Json.createObjectBuilder().add("contact", local(fay)).add("message", "it's Erin"));
        }
        try (LocalClient f = LocalClient.connect(isp)) {
            JsonObject login = f.request("login", Json.createObjectBuilder().add("user", fay).add("password", Users.PASSWORD)
                    .add("device", "laptop"));
            assertThat(login.getJsonArray("pending").getJsonObject(0).getString("from")).isEqualTo(local(erin));
            assertThat(login.getJsonArray("pending").getJsonObject(0).getString("message")).isEqualTo("it's Erin");
        }
    }

    static String presenceOf(JsonObject frame, String user) {
        JsonObject presence = frame.getJsonObject("presence");
        return presence.getString("address").startsWith(user + "@") ? presence.getString("aggregate") : "";
    }
}
