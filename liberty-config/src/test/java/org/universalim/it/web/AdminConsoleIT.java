package org.universalim.it.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The ISP console: sign-in (a wrong password refused), users, peers, live counters, health. */
class AdminConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static WebElement find(String css) {
        return driver().findElement(By.cssSelector(css));
    }

    private static void signIn(String password) {
        find("#admin-password").clear();
        find("#admin-password").sendKeys(password);
        find("#login-submit").click();
    }

    @Test
    void theAdministratorSignsInFindsUsersManagesPeersAndWatchesTheCounters() throws Exception {
        String erin = Users.register(isp, "erin", true);
        String frank = Users.register(isp, "frank", false);
        browser.newTab(isp.uri("/admin").toString());
        browser.until(d -> find("#login-submit").isEnabled(), "the console's script did not start");

        // a wrong password is refused, in words
        signIn("not-the-password");
        browser.until(d -> find("#login-error").isDisplayed(), "a wrong password was not refused");
        assertThat(find("#login-error").getText()).isEqualTo("Wrong user name or password.");
        assertThat(find("#console").isDisplayed()).isFalse();

        signIn(IspServer.ADMIN_PASSWORD);
        browser.until(d -> find("#console").isDisplayed(), "the console did not open");

        // users: find erin, see her devices and presence, disable her (she is logged off) and enable her again
        try (LocalClient erinPc = LocalClient.login(isp, erin, "pc"); LocalClient frankPc = LocalClient.login(isp, frank, "laptop")) {
            find("#user-query").sendKeys(erin);
            find("#user-search-submit").click();
            browser.until(d -> d.findElements(By.cssSelector("#user-table tbody tr")).size() == 1
                    && erin.equals(find("#user-table tbody tr").getDomAttribute("data-user")), "erin was not found");
            find("#user-table button[data-user='" + erin + "']").click();
            browser.until(d -> erin.equals(find("#user-detail").getDomAttribute("data-user"))
                    && !d.findElements(By.cssSelector("#user-devices tr[data-device='pc'][data-state='READY']")).isEmpty(),
                    "erin's devices are not shown");
            assertThat(find("#user-facts").getText()).contains(erin + "@" + isp.universalDomain());

            find("#user-disable").click();
            driver().switchTo().alert().accept();
            browser.until(d -> find("#user-enable").isDisplayed(), "erin was not disabled");
            assertThat(erinPc.awaitClose()).isEqualTo(1000);
            try (LocalClient refused = LocalClient.connect(isp)) {
                JsonObject answer = refused.request("login", Json.createObjectBuilder().add("user", erin)
                        .add("password", Users.PASSWORD).add("device", "pc"));
                assertThat(answer.getString("code")).isEqualTo("authentication_failed");
            }
            find("#user-enable").click();
            browser.until(d -> find("#user-disable").isDisplayed(), "erin was not enabled");

            // a new password: the old one stops working, the new one works
            find("#new-password").sendKeys("a brand new secret");
            find("#password-form button").click();
            browser.until(d -> Http.get(isp.uri("/api/v1/me"), erin, "a brand new secret").status() == 200);
            assertThat(Http.get(isp.uri("/api/v1/me"), erin, Users.PASSWORD).status()).isEqualTo(401);

            // peers: add one that gets every new user announced; nobody answers there, so its outbox fills
            // and its last error shows; the connection test says so too
            String peer = "peer-" + Users.unique("z") + ".example";
            find("nav button[data-page='peers']").click();
            find("#peer-domain").sendKeys(peer);
            find("#peer-url").sendKeys("https://" + peer + ":9");
            find("#peer-announce").click();
            find("#peer-submit").click();
            By peerRow = By.cssSelector("#peer-table tr[data-peer='" + peer + "']");
            browser.until(d -> !d.findElements(peerRow).isEmpty(), "the peer was not added");
            Users.register(isp, "hugo", true);
            browser.until(d -> !"0".equals(d.findElement(peerRow).findElement(By.cssSelector("[data-outbox]"))
                    .getDomAttribute("data-outbox")) && d.findElement(peerRow).getText().contains("unreachable"),
                    "the peer's outbox and last error are not shown");
            driver().findElement(peerRow).findElement(By.cssSelector("button[data-test]")).click();
            browser.until(d -> "false".equals(find("#peer-test-answer").getDomAttribute("data-reachable")),
                    "the connection test gave no answer");
            assertThat(find("#peer-test-answer").getText()).contains("is not reachable");

            // live counters move while messages flow
            String gina = Users.register(isp, "gina", false);
            find("nav button[data-page='counters']").click();
            browser.until(d -> !"–".equals(find("#c-routed").getText()), "no counters");
            assertThat(Integer.parseInt(find("#c-local").getText())).isGreaterThanOrEqualTo(1);
            long before = Long.parseLong(find("#c-routed").getText());
            ExecutorService sender = Executors.newSingleThreadExecutor();
            AtomicBoolean flowing = new AtomicBoolean(true);
            try (LocalClient ginaPc = LocalClient.login(isp, gina, "pc")) {
                // frank writes to gina every 100 ms while the administrator watches
                Future<Integer> sent = sender.submit(() -> {
                    int n = 0;
                    while (flowing.get()) {
                        JsonObject answer = frankPc.request("message.send", Json.createObjectBuilder()
                                .add("to", gina + "@" + isp.domain()).add("body", "hello " + n));
                        assertThat(answer.getString("type")).as(answer.toString()).isEqualTo("result");
                        n++;
                        TimeUnit.MILLISECONDS.sleep(100); // the pace of the traffic, not a wait for an outcome
                    }
                    return n;
                });
                browser.until(d -> Long.parseLong(find("#c-routed").getText()) >= before + 20, "messages routed did not move");
                browser.until(d -> !d.findElements(By.cssSelector("#rate-chart polyline[data-points='4']")).isEmpty()
                        && find("#c-rate").getText().matches("[0-9.]+") && Double.parseDouble(find("#c-rate").getText()) > 0,
                        "no messages per second");
                assertThat(Integer.parseInt(find("#c-local").getText())).isGreaterThanOrEqualTo(2);
                browser.until(d -> !d.findElements(By.cssSelector("#queue-table tr[data-peer='" + peer + "']")).isEmpty());
                assertThat(Long.parseLong(find("#c-outbox").getText())).isGreaterThanOrEqualTo(1);
                browser.screenshot("admin-console-counters");
                flowing.set(false);
                assertThat(sent.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20);
            } finally {
                flowing.set(false);
                sender.shutdownNow();
            }

            // the peer goes again
            find("nav button[data-page='peers']").click();
            browser.until(d -> !d.findElements(By.cssSelector("#peer-table tr[data-peer='" + peer + "']")).isEmpty());
            // the table redraws itself every few seconds: click again if it did meanwhile
            browser.click(By.cssSelector("#peer-table tr[data-peer='" + peer + "'] button[data-remove]"));
            driver().switchTo().alert().accept();
            browser.until(d -> d.findElements(By.cssSelector("#peer-table tr[data-peer='" + peer + "']")).isEmpty(),
                    "the peer was not removed");
        }

        // health
        find("nav button[data-page='health']").click();
        browser.until(d -> !d.findElements(By.cssSelector("#health-checks li[data-check='database']")).isEmpty(),
                "no health checks");
        assertThat(find("#health-tiles").getText()).contains("UP");
        browser.screenshot("admin-console-health");
    }

    @Test
    void theCountersAreOnTheMetricsEndpointToo() {
        Http.Answer metrics = Http.get(isp.uri("/metrics?scope=application"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("universalim_sessions{").contains("protocol=\"local\"")
                .contains("universalim_messages_routed_total").contains("universalim_journal_backlog");
        Http.Answer counters = Http.get(isp.uri("/api/v1/admin/counters"), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(counters.status()).isEqualTo(200);
        assertThat(counters.json().getJsonObject("sessions").keySet()).contains("local", "xmpp");
        assertThat(Http.get(isp.uri("/api/v1/admin/counters"), "admin", "wrong").status()).isEqualTo(401);
        String openapi = Http.get(isp.uri("/openapi")).body();
        assertThat(openapi).contains("/api/v1/admin/counters", "/api/v1/admin/users/{name}/disable", "CountersView:",
                "UserPage:", "UserSummary:", "PasswordReset:", "ServerHealthView:");
    }

    @Test
    void thePagesComeWithBrowserProtections() {
        for (String page : new String[] {"/", "/admin/", "/js/app.js"}) {
            Http.Answer answer = Http.get(isp.uri(page));
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.header("Content-Security-Policy")).as(page).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }
}
