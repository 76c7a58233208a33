package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** FIG. 6 inside one ISP: connection requests, availability windows when not available, alerts (R7, R8). */
class ConnectionRequestIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void aRequestToAnAvailableContactIsEstablishedWithRoutingAndPresence() {
        String lea = Users.register(isp, "lea", false);
        String max = Users.register(isp, "max", false);
        try (LocalClient l = LocalClient.login(isp, lea, "pc"); LocalClient m = LocalClient.login(isp, max, "tablet")) {
            Contacts.approve(l, max + "@isp-a.example", m, lea + "@isp-a.example");
            JsonObject answer = l.request("connect", Json.createObjectBuilder().add("contact", max + "@isp-a.example"))
                    .getJsonObject("answer");
            assertThat(answer.getString("status")).isEqualTo("established");
            assertThat(answer.getJsonObject("route").getString("isp")).isEqualTo("isp-a.example");
            assertThat(answer.getJsonObject("route").getString("device")).isEqualTo("tablet");
            assertThat(answer.getJsonObject("presence").getString("aggregate")).isEqualTo("READY");
        }
    }

    @Test
    void aRequestToAnUnavailableContactAnswersWithTheirWindowsAndAnAlertFiresWhenTheyLogOn() {
        String ned = Users.register(isp, "ned", false);
        String ola = Users.register(isp, "ola", false);
        try (LocalClient n = LocalClient.login(isp, ned, "pc")) {
            try (LocalClient o = LocalClient.login(isp, ola, "office-pc")) {
                Contacts.approve(n, ola + "@isp-a.example", o, ned + "@isp-a.example");
            }
            seedOfficeHours(ola);

            JsonObject answer = n.request("connect", Json.createObjectBuilder().add("contact", ola + "@isp-a.example"))
                    .getJsonObject("answer");
            assertThat(answer.getString("status")).isEqualTo("not_available");
            assertThat(answer.getString("reason")).isEqualTo("NO_DEVICE_ONLINE");
            JsonObject device = answer.getJsonObject("availability").getJsonArray("devices").getJsonObject(0);
            assertThat(device.getString("device")).isEqualTo("office-pc");
            assertThat(device.getJsonArray("windows").getJsonObject(0).getString("from")).isEqualTo("09:00");
            assertThat(device.getJsonArray("windows").getJsonObject(0).getString("until")).isEqualTo("17:00");

            JsonObject alert = n.request("alert.set", Json.createObjectBuilder().add("contact", ola + "@isp-a.example"));
            assertThat(alert.getJsonObject("alert").getString("state")).isEqualTo("PENDING");
            long alertId = alert.getJsonObject("alert").getJsonNumber("id").longValue();
            try (LocalClient o = LocalClient.login(isp, ola, "office-pc")) {
                JsonObject fired = n.awaitPush("alert.fired", f -> f.getJsonNumber("alertId").longValue() == alertId);
                assertThat(fired.getString("contact")).isEqualTo(ola + "@isp-a.example");
                assertThat(fired.getString("device")).isEqualTo("office-pc");
            }
        }
    }

    @Test
    void unknownAndUnauthorizedContactsGetClearAnswers() {
        String pia = Users.register(isp, "pia", false);
        String quinn = Users.register(isp, "quinn", false);
        try (LocalClient p = LocalClient.login(isp, pia, "pc")) {
            assertThat(p.request("connect", Json.createObjectBuilder().add("contact", "ghost-user@isp-a.example"))
                    .getJsonObject("answer").getString("code")).isEqualTo("unknown_recipient");
            assertThat(p.request("connect", Json.createObjectBuilder().add("contact", quinn + "@isp-a.example"))
                    .getJsonObject("answer").getString("code")).isEqualTo("not_authorized");
            assertThat(p.request("alert.set", Json.createObjectBuilder().add("contact", quinn + "@isp-a.example"))
                    .getString("code")).isEqualTo("not_authorized");
            assertThat(p.request("availability.get", Json.createObjectBuilder().add("contact", quinn + "@isp-a.example"))
                    .getString("code")).isEqualTo("not_authorized");
            // the universal address of a local-only user does not exist
            assertThat(p.request("connect", Json.createObjectBuilder().add("contact", quinn + "@isp-a-u.example"))
                    .getJsonObject("answer").getString("code")).isEqualTo("unknown_recipient");
        }
    }

    /** Four weeks of weekday office hours, 09:00-17:00 UTC, on the device "office-pc". */
    private static void seedOfficeHours(String user) {
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
