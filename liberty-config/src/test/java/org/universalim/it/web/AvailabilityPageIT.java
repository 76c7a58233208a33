package org.universalim.it.web;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** R7 in the page: a contact's usual availability as a weekly chart, and an alert that fires when the contact logs on. */
class AvailabilityPageIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void theChartShowsTheContactsWindowsAndAnAlertFiresWhenTheContactLogsOn() {
        String hank = Users.register(isp, "hank", true);
        String hankAddress = hank + "@" + isp.universalDomain();
        assertThat(Http.postJson(isp.uri("/api/v1/me/devices"), "{\"name\": \"pc\", \"type\": \"PC\"}", hank, Users.PASSWORD)
                .status()).isEqualTo(201);
        assertThat(Http.postJson(isp.uri("/api/v1/me/devices"), "{\"name\": \"phone\", \"type\": \"CELL_PHONE\"}", hank,
                Users.PASSWORD).status()).isEqualTo(201);
        // four weeks of history: the office PC on weekdays 9 to 5, the phone every day 3 to 6 pm
        JsonArrayBuilder history = Json.createArrayBuilder();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(28); day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                history.add(entry("pc", "READY", day, "09:00")).add(entry("pc", "OFFLINE", day, "17:00"));
            }
            history.add(entry("phone", "READY", day, "15:00")).add(entry("phone", "OFFLINE", day, "18:00"));
        }
        Http.Answer imported = Http.postJson(isp.uri("/api/v1/admin/users/" + hank + "/presence-history"),
                history.build().toString(), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        String ivy = Users.unique("ivy");
        // both universal: ivy's page writes to hank over XMPP
        ClientPage ivyPage = ClientPage.open(browser, isp).register(ivy, true);
        ivyPage.addContact(hankAddress);
        try (LocalClient hankPc = LocalClient.login(isp, hank, "pc")) {
            JsonObject approved = hankPc.request("subscription.approve", Json.createObjectBuilder()
                    .add("contact", ivy + "@" + isp.universalDomain()));
            assertThat(approved.getString("type")).isEqualTo("result");
            ivyPage.awaitPresence(hankAddress, "READY");
        }
        ivyPage.awaitPresence(hankAddress, "OFFLINE");

        // the weekly chart: one lane per device, five PC bars and seven phone bars
        ivyPage.openChat(hankAddress);
        browser.until(d -> ivyPage.elements("#availability rect.window").size() == 12, "the chart shows no windows");
        assertThat(ivyPage.elements("#availability rect.window[data-device='pc']")).hasSize(5);
        assertThat(ivyPage.element("#availability .windows").getText())
                .contains("pc (pc): Mon–Fri 09:00–17:00").contains("phone (cell phone): Every day 15:00–18:00");

        // a message waits for hank while he is away
        assertThat(ivyPage.chatTransport()).isEqualTo("xmpp");
        ivyPage.send("Call me when you are back, please");
        ivyPage.awaitStatus("Call me when you are back, please", "stored");

        // an alert, fired in the page when hank logs on
        ivyPage.element("#alert-submit").click();
        browser.until(d -> ivyPage.elements("#alert-list li[data-state='PENDING']").size() == 1, "the alert was not set");
        try (LocalClient hankPhone = LocalClient.login(isp, hank, "phone")) {
            hankPhone.awaitPush("message", f -> f.getBoolean("offline", false));
            ivyPage.awaitStatus("Call me when you are back, please", "delivered");
            browser.until(d -> ivyPage.elements("#alert-list li[data-state='FIRED']").size() == 1, "the alert did not fire");
            assertThat(ivyPage.elements(".toast.alert")).anySatisfy(t -> assertThat(t.getText())
                    .contains("is available now").contains("phone"));
            ivyPage.awaitPresence(hankAddress, "READY");
            hankPhone.request("message.send", Json.createObjectBuilder().add("to", ivy + "@" + isp.universalDomain())
                    .add("body", "Back now, calling you in five minutes"));
            ivyPage.awaitMessage("Back now, calling you in five minutes");
            browser.screenshot("web-client-availability");
        }
    }

    private static JsonObject entry(String device, String state, LocalDate day, String time) {
        return Json.createObjectBuilder().add("device", device).add("state", state)
                .add("at", day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC).toString()).build();
    }
}
