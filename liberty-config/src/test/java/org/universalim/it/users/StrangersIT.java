package org.universalim.it.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strangers are limited (issue 16), on a server of their own with a small share and a short expiry: a sender fills at
 * most their share of a user's offline box (here 3 of 20) and others still get in; a message that waits longer than
 * the expiry fails and its sender gets a failed receipt with the reason "expired"; a user refusing strangers or
 * keeping nothing offline for them has it so, while contacts get through.
 */
class StrangersIT {

    static final int SHARE = 3;
    static IspServer isp;

    @BeforeAll
    static void start() {
        // 0.0001 days: a stored message expires after 8.64 s, looked for every 2.16 s
        isp = IspServer.tuned("strangers", 6, Map.of("OFFLINE_MAX_PER_SENDER", String.valueOf(SHARE),
                "OFFLINE_EXPIRY_DAYS", "0.0001"));
    }

    /** No other class uses this server: it would otherwise idle (timers every second) until the suite's end. */
    @AfterAll
    static void stopServer() {
        if (isp != null) {
            isp.stopForTest();
        }
    }

    @Test
    void aSenderCannotFillMoreThanTheirShareOfSomebodysOfflineBox() {
        String bob = Users.register(isp, "bob", false);
        String spammer = Users.register(isp, "spam", false);
        String carol = Users.register(isp, "carol", false);
        try (LocalClient s = LocalClient.login(isp, spammer, "pc"); LocalClient c = LocalClient.login(isp, carol, "pc")) {
            for (int i = 0; i < SHARE; i++) {
                assertThat(send(s, bob, "buy " + i).getString("status")).isEqualTo("stored");
            }
            JsonObject refused = send(s, bob, "buy more");
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getString("code")).isEqualTo("offline_storage_full");
            assertThat(refused.getString("message")).contains(String.valueOf(SHARE));
            // bob's box is not full for anybody else
            assertThat(send(c, bob, "hi bob").getString("status")).isEqualTo("stored");
        }
    }

    @Test
    void aMessageThatExpiresUnreadGivesItsSenderAFailedReceipt() {
        String dan = Users.register(isp, "dan", false);
        String eve = Users.register(isp, "eve", false);
        try (LocalClient e = LocalClient.login(isp, eve, "pc")) {
            JsonObject sent = send(e, dan, "see you");
            assertThat(sent.getString("status")).isEqualTo("stored");
            String id = sent.getString("messageId");

            JsonObject receipt = e.await(f -> "receipt".equals(f.getString("type")) && id.equals(f.getString("messageId", null)),
                    Duration.ofSeconds(40));
            assertThat(receipt.getString("status")).isEqualTo("failed");
            assertThat(receipt.getString("reason")).isEqualTo("expired");
            try (LocalClient d = LocalClient.login(isp, dan, "pc")) {
                d.request("ping");
                assertThat(d.received("message")).noneMatch(m -> id.equals(m.getString("messageId")));
            }
        }
    }

    @Test
    void aUserWhoRefusesStrangersHearsOnlyFromContacts() {
        String fay = Users.register(isp, "fay", false);
        String friend = Users.register(isp, "friend", false);
        String stranger = Users.register(isp, "stranger", false);
        try (LocalClient f = LocalClient.login(isp, fay, "pc"); LocalClient fr = LocalClient.login(isp, friend, "pc");
             LocalClient st = LocalClient.login(isp, stranger, "pc")) {
            assertThat(f.request("roster.add", Json.createObjectBuilder().add("contact", friend + "@" + isp.domain())
                    .add("subscribe", false)).getString("type")).isEqualTo("result");
            JsonObject set = f.request("privacy.set", Json.createObjectBuilder().add("strangers", "refuse"));
            assertThat(set.getJsonObject("privacy").getString("strangers")).isEqualTo("refuse");

            JsonObject refused = send(st, fay, "hello?");
            assertThat(refused.getString("code")).as(refused.toString()).isEqualTo("not_accepted");
            JsonObject fromFriend = send(fr, fay, "hello!");
            assertThat(fromFriend.getString("status")).isEqualTo("sent");
            f.await(m -> "message".equals(m.getString("type")) && fromFriend.getString("messageId").equals(m.getString("messageId")));
            assertThat(f.received("message")).hasSize(1);
        }
    }

    @Test
    void aUserWhoKeepsNothingOfflineForStrangersGetsThemOnlyWhileOnline() {
        String gus = Users.register(isp, "gus", false);
        String stranger = Users.register(isp, "stranger", false);
        Http.Answer chosen = Http.putJson(isp.uri("/api/v1/me/privacy"), "{\"strangers\":\"no_offline\"}", gus, Users.PASSWORD);
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        try (LocalClient st = LocalClient.login(isp, stranger, "pc")) {
            JsonObject whileAway = send(st, gus, "anyone home?");
            assertThat(whileAway.getString("code")).as(whileAway.toString()).isEqualTo("not_stored");
            try (LocalClient g = LocalClient.login(isp, gus, "pc")) {
                JsonObject whileOnline = send(st, gus, "hello gus");
                assertThat(whileOnline.getString("status")).isEqualTo("sent");
                g.await(m -> "message".equals(m.getString("type")) && whileOnline.getString("messageId").equals(m.getString("messageId")));
            }
        }
    }

    private static JsonObject send(LocalClient from, String toUser, String body) {
        return from.request("message.send", Json.createObjectBuilder().add("to", toUser + "@" + isp.domain()).add("body", body));
    }
}
