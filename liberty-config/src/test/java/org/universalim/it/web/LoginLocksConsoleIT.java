package org.universalim.it.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/** The ISP console's "Log-in locks" page: an account with failed log-ins is listed, and the administrator lifts it. */
class LoginLocksConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    @Test
    void theAdministratorSeesFailedLogInsAndLiftsThem() {
        String gus = Users.register(isp, "gus", true);
        assertThat(Http.get(isp.uri("/api/v1/me"), gus, "wrong one").status()).isEqualTo(401);
        assertThat(Http.get(isp.uri("/api/v1/me"), gus, "wrong two").status()).isEqualTo(401);

        browser.newTab(isp.uri("/admin").toString());
        browser.until(d -> find("#login-submit").isEnabled(), "the console's script did not start");
        find("#admin-password").sendKeys(IspServer.ADMIN_PASSWORD);
        find("#login-submit").click();
        browser.until(d -> find("#console").isDisplayed(), "the console did not open");

        browser.click(By.cssSelector("#console nav button[data-page='locks']"));
        String row = "#lock-table tr[data-lock='account/" + gus + "']";
        // the table is redrawn every 3 s: read it inside until(), which retries on a redrawn row
        browser.until(d -> !d.findElements(By.cssSelector(row)).isEmpty()
                && find(row + " td:nth-child(2)").getText().equals("2") && find(row).getText().contains("counting"),
                gus + " is not listed with 2 failures, counting");

        browser.click(By.cssSelector(row + " button[data-lift]"));
        browser.until(d -> d.findElements(By.cssSelector(row)).isEmpty(), gus + " was not lifted");
        assertThat(Http.get(isp.uri("/api/v1/admin/locks"), "admin", IspServer.ADMIN_PASSWORD).body()).doesNotContain(gus);
    }
}
