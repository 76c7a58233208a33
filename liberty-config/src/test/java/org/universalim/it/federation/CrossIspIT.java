package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Users of three ISPs find each other, see presence and open sessions (R1, R5, R6, R8, R11). */
class CrossIspIT {

    static IspServer a;
    static IspServer b;
    static IspServer c;

    @BeforeAll
    static void start() {
        a = IspServer.a();
        b = IspServer.b();
        c = IspServer.c();
        Federation.mesh("REST", a, b, c);
    }

    private static String u(IspServer isp, String user) {
        return user + "@" + isp.universalDomain();
    }

    @Test
    void aUniversalUserRegisteredOnAIsAnnouncedToBAndC() {
        String dora = Users.register(a, "dora", true);
        for (IspServer peer : List.of(b, c)) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Http.get(peer.uri("/api/v1/admin/foreign-users"), "admin", IspServer.ADMIN_PASSWORD).jsonArray()
                            .getValuesAs(JsonObject.class).stream()
                            .anyMatch(f -> f.getString("address").equals(u(a, dora)) && f.getBoolean("announced")));
        }
    }

    @Test
    void aliceOnASeesBobOnBAfterHeApprovesWithinASecondOfEachChange() {
        String alice = Users.register(a, "alice", true);
        String bob = Users.register(b, "bob", true);
        try (LocalClient al = LocalClient.login(a, alice, "pc"); LocalClient bo = LocalClient.login(b, bob, "pc")) {
            assertThat(al.request("roster.add", Json.createObjectBuilder().add("contact", u(b, bob))).getString("type"))
                    .isEqualTo("result");
            bo.await(f -> f.getString("type").equals("subscription.request") && f.getString("from").equals(u(a, alice)),
                    Duration.ofSeconds(15));
            assertThat(bo.request("subscription.approve", Json.createObjectBuilder().add("contact", u(a, alice)))
                    .getString("type")).isEqualTo("result");
            al.await(f -> f.getString("type").equals("subscription.answer") && f.getBoolean("approved"), Duration.ofSeconds(15));
            al.await(f -> presence(f, u(b, bob)).equals("READY"), Duration.ofSeconds(15));

            bo.request("logout");
            long off = System.nanoTime();
            al.await(f -> presence(f, u(b, bob)).equals("OFFLINE"), Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - off)).isLessThan(Duration.ofSeconds(1));
        }
        try (LocalClient al = LocalClient.login(a, alice, "pc")) {
            JsonObject entry = al.request("roster.get").getJsonArray("roster").getJsonObject(0);
            assertThat(entry.getString("contact")).isEqualTo(u(b, bob));
            assertThat(entry.getBoolean("universal")).isTrue();
            assertThat(entry.getBoolean("sameIsp")).isFalse();
            long on = System.nanoTime();
            try (LocalClient bo = LocalClient.login(b, bob, "phone")) {
                al.await(f -> presence(f, u(b, bob)).equals("READY"), Duration.ofSeconds(5));
                assertThat(Duration.ofNanos(System.nanoTime() - on)).isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void connectionRequestsAcrossIspsFollowFig6() {
        String erin = Users.register(a, "erin", true);
        String finn = Users.register(b, "finn", true);
        String carol = Users.register(c, "carol", true);
        String local = Users.register(b, "gus", false);
        try (LocalClient e = LocalClient.login(a, erin, "pc")) {
            try (LocalClient f = LocalClient.login(b, finn, "laptop"); LocalClient ca = LocalClient.login(c, carol, "office-pc")) {
                approve(e, u(a, erin), f, u(b, finn));
                approve(e, u(a, erin), ca, u(c, carol));
                JsonObject established = e.request("connect", Json.createObjectBuilder().add("contact", u(b, finn)))
                        .getJsonObject("answer");
                assertThat(established.getString("status")).as(established.toString()).isEqualTo("established");
                assertThat(established.getJsonObject("route").getString("isp")).isEqualTo("isp-b.example");
                assertThat(established.getJsonObject("route").getString("device")).isEqualTo("laptop");
                assertThat(established.getJsonObject("presence").getString("aggregate")).isEqualTo("READY");
            }
            seedOfficeHours(c, carol);
            JsonObject notAvailable = e.request("connect", Json.createObjectBuilder().add("contact", u(c, carol)))
                    .getJsonObject("answer");
            assertThat(notAvailable.getString("status")).as(notAvailable.toString()).isEqualTo("not_available");
            JsonObject window = notAvailable.getJsonObject("availability").getJsonArray("devices").getJsonObject(0)
                    .getJsonArray("windows").getJsonObject(0);
            assertThat(window.getString("from")).isEqualTo("09:00");
            assertThat(window.getString("until")).isEqualTo("17:00");

            JsonObject localOnly = e.request("connect", Json.createObjectBuilder().add("contact", local + "@isp-b.example"))
                    .getJsonObject("answer");
            assertThat(localOnly.getString("code")).isEqualTo("not_universal");
            JsonObject message = e.request("message.send", Json.createObjectBuilder().add("to", local + "@isp-b.example").add("body", "hi"));
            assertThat(message.getString("code")).isEqualTo("not_universal");
            assertThat(message.getString("message")).contains("universal");
        }
    }

    /** {@code watcher} asks to see {@code contact} across ISPs and the contact approves. */
    static void approve(LocalClient watcher, String watcherAddress, LocalClient contact, String contactAddress) {
        watcher.request("roster.add", Json.createObjectBuilder().add("contact", contactAddress));
        contact.await(f -> f.getString("type").equals("subscription.request") && f.getString("from").equals(watcherAddress),
                Duration.ofSeconds(15));
        contact.request("subscription.approve", Json.createObjectBuilder().add("contact", watcherAddress));
        watcher.await(f -> f.getString("type").equals("subscription.answer") && f.getString("contact").equals(contactAddress)
                && f.getBoolean("approved"), Duration.ofSeconds(15));
    }

    static String presence(JsonObject frame, String address) {
        if (!"presence".equals(frame.getString("type"))) {
            return "";
        }
        JsonObject p = frame.getJsonObject("presence");
        return p.getString("address").equals(address) ? p.getString("aggregate") : "";
    }

    private static void seedOfficeHours(IspServer isp, String user) {
        JsonArrayBuilder history = Json.createArrayBuilder();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(28); day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                history.add(Json.createObjectBuilder().add("device", "office-pc").add("state", "READY")
                        .add("at", day.atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC).toString()));
                history.add(Json.createObjectBuilder().add("device", "office-pc").add("state", "OFFLINE")
                        .add("at", day.atTime(LocalTime.of(17, 0)).toInstant(ZoneOffset.UTC).toString()));
            }
        }
        Http.Answer imported = Http.postJson(isp.uri("/api/v1/admin/users/" + user + "/presence-history"),
                history.build().toString(), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }
}
