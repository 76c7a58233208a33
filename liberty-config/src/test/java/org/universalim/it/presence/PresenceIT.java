package org.universalim.it.presence;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The patent's three-device user over the JSON API: devices, rules, the read model, windows and alerts. */
class PresenceIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static Http.Answer put(String user, String path, String json) {
        return Http.putJson(isp.uri("/api/v1/me/" + path), json, user, Users.PASSWORD);
    }

    private static Http.Answer post(String user, String path, String json) {
        return Http.postJson(isp.uri("/api/v1/me/" + path), json, user, Users.PASSWORD);
    }

    private static JsonObject get(String user, String path) {
        Http.Answer answer = Http.get(isp.uri("/api/v1/me/" + path), user, Users.PASSWORD);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Office PC (level 1, text and files), PDA (level 3), phone (level 0, text and voice). */
    static void registerPatentDevices(String user) {
        assertThat(post(user, "devices", """
                {"name": "pc", "type": "PC", "links": ["broadband"], "applications": ["text", "file"],
                 "endpoint": "198.51.100.7", "securityLevel": 1}""").status()).isEqualTo(201);
        assertThat(post(user, "devices", """
                {"name": "pda", "type": "PDA", "links": ["GPRS"], "securityLevel": 3}""").status()).isEqualTo(201);
        assertThat(post(user, "devices", """
                {"name": "phone", "type": "CELL_PHONE", "links": ["GPRS", "SMS gateway"],
                 "applications": ["text", "voice"], "securityLevel": 0}""").status()).isEqualTo(201);
    }

    @Test
    void threeDevicesWithAnOrderAndLevelsDecideDeliveryAsTheRulesSay() {
        String bob = Users.register(isp, "bob", true);
        registerPatentDevices(bob);
        assertThat(put(bob, "rules", "{\"deviceOrder\": [\"pc\", \"pda\", \"phone\"], \"ackTimeoutMillis\": 3000}").status())
                .isEqualTo(200);
        for (String device : new String[] {"pc", "pda", "phone"}) {
            assertThat(put(bob, "devices/" + device + "/state", "{\"state\": \"READY\"}").status()).isEqualTo(200);
        }

        JsonObject presence = get(bob, "presence");
        assertThat(presence.getString("aggregate")).isEqualTo("READY");
        assertThat(presence.getBoolean("available")).isTrue();
        assertThat(presence.getString("address")).isEqualTo(bob + "@isp-a-u.example");
        assertThat(presence.getJsonArray("devices").getValuesAs(JsonObject.class)).extracting(d -> d.getString("name"))
                .containsExactly("pc", "pda", "phone");

        JsonObject text = get(bob, "rules/decision");
        assertThat(text.getString("device")).isEqualTo("pc");
        assertThat(text.getJsonArray("failover").toString()).isEqualTo("[\"pda\",\"phone\"]");
        assertThat(text.getJsonNumber("ackTimeoutMillis").longValue()).isEqualTo(3000);
        assertThat(get(bob, "rules/decision?securityLevel=3").getString("device")).isEqualTo("pda");
        assertThat(get(bob, "rules/decision?application=voice").getString("device")).isEqualTo("phone");

        put(bob, "devices/pc/state", "{\"state\": \"OFFLINE\"}");
        assertThat(get(bob, "rules/decision").getString("device")).isEqualTo("pda");
        put(bob, "devices/pda/state", "{\"state\": \"DO_NOT_DISTURB\"}");
        put(bob, "devices/phone/state", "{\"state\": \"BUSY\", \"statusText\": \"driving\"}");
        JsonObject busy = get(bob, "presence");
        assertThat(busy.getString("aggregate")).isEqualTo("BUSY");
        assertThat(busy.getString("statusText")).isEqualTo("driving");
        assertThat(get(bob, "rules/decision").getString("device")).isEqualTo("phone");
        assertThat(get(bob, "rules/decision?securityLevel=2").getString("reason")).isEqualTo("NO_DEVICE_SECURE_ENOUGH");

        put(bob, "devices/phone/state", "{\"state\": \"OFFLINE\"}");
        put(bob, "devices/pda/state", "{\"state\": \"OFFLINE\"}");
        JsonObject none = get(bob, "rules/decision");
        assertThat(none.getBoolean("deliverable")).isFalse();
        assertThat(none.getString("reason")).isEqualTo("NO_DEVICE_ONLINE");
        assertThat(none.getString("explanation")).isEqualTo(bob + " has no device online");
    }

    @Test
    void badDeviceInputIsRefusedFieldByField() {
        String user = Users.register(isp, "dora", false);
        Http.Answer bad = post(user, "devices", """
                {"name": "a/b", "type": "toaster", "securityLevel": 9, "applications": ["te xt"]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getJsonArray("fieldErrors").getValuesAs(JsonObject.class)).extracting(e -> e.getString("field"))
                .contains("name");
        Http.Answer badFields = post(user, "devices", """
                {"name": "tv", "type": "toaster", "securityLevel": 9, "applications": ["te xt"]}""");
        assertThat(badFields.json().getJsonArray("fieldErrors").getValuesAs(JsonObject.class)).extracting(e -> e.getString("field"))
                .contains("type", "securityLevel", "applications");
        assertThat(post(user, "devices", "{\"name\": \"tv\"}").status()).isEqualTo(201);
        assertThat(post(user, "devices", "{\"name\": \"tv\"}").status()).isEqualTo(409);
        assertThat(put(user, "devices/tv/state", "{\"state\": \"SLEEPING\"}").status()).isEqualTo(400);
        assertThat(put(user, "devices/radio/state", "{\"state\": \"READY\"}").status()).isEqualTo(404);
        assertThat(put(user, "rules", "{\"deviceOrder\": [\"radio\"]}").status()).isEqualTo(400);
    }

    @Test
    void thePatentsHistoryGivesItsWindowsOverTheApi() {
        String user = Users.register(isp, "hank", false);
        registerPatentDevices(user);
        assertThat(post(user, "devices", "{\"name\": \"home-pc\", \"type\": \"PC\"}").status()).isEqualTo(201);
        JsonArrayBuilder history = Json.createArrayBuilder();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(28); day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                history.add(entry("pc", "READY", day, "09:00")).add(entry("pc", "OFFLINE", day, "17:00"));
            }
            history.add(entry("phone", "READY", day, "15:00")).add(entry("phone", "OFFLINE", day, "18:00"));
            history.add(entry("home-pc", "READY", day, "22:00")).add(entry("home-pc", "OFFLINE", day, "23:00"));
        }
        Http.Answer imported = Http.postJson(isp.uri("/api/v1/admin/users/" + user + "/presence-history"),
                history.build().toString(), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        JsonObject availability = get(user, "availability");
        assertThat(windows(availability, "pc")).isEqualTo(
                "[{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"],\"from\":\"09:00\",\"until\":\"17:00\"}]");
        assertThat(windows(availability, "phone")).contains("\"from\":\"15:00\",\"until\":\"18:00\"").contains("SUNDAY");
        assertThat(windows(availability, "home-pc")).contains("\"from\":\"22:00\",\"until\":\"23:00\"");
        assertThat(windows(availability, "pda")).isEqualTo("[]");
    }

    @Test
    void anAlertFiresWhenTheContactBecomesAvailableAndAnotherExpires() {
        String watcher = Users.register(isp, "wendy", false);
        String contact = Users.register(isp, "carl", true);
        post(contact, "devices", "{\"name\": \"pc\"}");

        Http.Answer set = post(watcher, "alerts", "{\"contact\": \"" + contact + "@isp-a-u.example\"}");
        assertThat(set.status()).isEqualTo(201);
        long id = set.json().getJsonNumber("id").longValue();
        Instant soon = Instant.now().plusSeconds(2);
        Http.Answer brief = post(watcher, "alerts", "{\"contact\": \"someone@isp-b-u.example\", \"until\": \""
                + soon.atOffset(ZoneOffset.UTC) + "\"}");
        assertThat(brief.status()).isEqualTo(201);
        long briefId = brief.json().getJsonNumber("id").longValue();

        put(contact, "devices/pc/state", "{\"state\": \"READY\"}");
        JsonObject fired = get(watcher, "alerts/" + id);
        assertThat(fired.getString("state")).isEqualTo("FIRED");
        assertThat(fired.getString("firedDevice")).isEqualTo("pc");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(watcher, "alerts/" + briefId).getString("state").equals("EXPIRED"));
        assertThat(Http.get(isp.uri("/api/v1/me/alerts/" + id), contact, Users.PASSWORD).status()).isEqualTo(404);
    }

    @Test
    void theAdministrationApiNeedsTheAdministrator() {
        String user = Users.register(isp, "ivy", false);
        assertThat(Http.get(isp.uri("/api/v1/admin/users/" + user)).status()).isEqualTo(401);
        assertThat(Http.get(isp.uri("/api/v1/admin/users/" + user), "admin", "wrong").status()).isEqualTo(401);
        assertThat(Http.get(isp.uri("/api/v1/admin/users/" + user), user, Users.PASSWORD).status()).isEqualTo(403);
        Http.Answer asAdmin = Http.get(isp.uri("/api/v1/admin/users/" + user + "/presence"), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.json().getString("aggregate")).isEqualTo("OFFLINE");
    }

    private static JsonObject entry(String device, String state, LocalDate day, String time) {
        return Json.createObjectBuilder().add("device", device).add("state", state)
                .add("at", day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC).toString()).build();
    }

    private static String windows(JsonObject availability, String device) {
        return availability.getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("device").equals(device)).findFirst().orElseThrow()
                .getJsonArray("windows").toString();
    }
}
