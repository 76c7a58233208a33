package org.universalim.it.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.users.InviteServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users in control in the browser (issue 16): blocking a contact and an incoming request (what the blocked user sends
 * does not arrive, what they send after an unblock does), the privacy choice, changing the password (the user's other
 * device is logged off, the page stays), deleting the account (a contact's roster drops it), and registering by
 * invitation (refused without, an invitation link works).
 */
class UsersInControlPageIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void aUserBlocksAContactAndARequestChoosesWhoMayWriteAndUnblocks() {
        IspServer isp = IspServer.a();
        String alice = Users.unique("alice");
        String dave = Users.register(isp, "dave", false);
        String bob = Users.register(isp, "bob", false);
        String aliceAddress = alice + "@" + isp.domain();
        String daveAddress = dave + "@" + isp.domain();
        ClientPage page = ClientPage.open(browser, isp).register(alice, false);
        try (LocalClient d = LocalClient.login(isp, dave, "pc"); LocalClient b = LocalClient.login(isp, bob, "pc")) {
            d.request("roster.add", Json.createObjectBuilder().add("contact", aliceAddress));
            page.accept(daveAddress);
            d.await(f -> "subscription.request".equals(f.getString("type")));
            d.request("subscription.approve", Json.createObjectBuilder().add("contact", aliceAddress));
            page.awaitPresence(daveAddress, "READY");

            // block the contact from the contact's details
            page.openChat(daveAddress);
            page.element("#block-contact").click();
            browser.driver().switchTo().alert().accept();
            browser.until(d1 -> "true".equals(page.contact(daveAddress).getDomAttribute("data-blocked")), dave + " not shown blocked");
            page.awaitPresence(daveAddress, "OFFLINE");
            JsonObject blocked = d.request("message.send", Json.createObjectBuilder().add("to", aliceAddress).add("body", "blocked words"));
            assertThat(blocked.getString("status")).isEqualTo("stored");

            // block an incoming request
            b.request("roster.add", Json.createObjectBuilder().add("contact", aliceAddress));
            String blockButton = "#pending-list [data-block='" + bob + "@" + isp.domain() + "']";
            browser.until(d1 -> !d1.findElements(By.cssSelector(blockButton)).isEmpty(), "bob's request not shown");
            browser.click(By.cssSelector(blockButton));
            browser.until(d1 -> d1.findElements(By.cssSelector("#pending-list li")).isEmpty(), "bob's request still shown");

            // the account view lists both; strangers are refused from now on
            page.showView("account");
            browser.until(d1 -> page.elements("#block-list li").size() == 2, "the block list does not show both");
            new Select(page.element("#strangers")).selectByValue("refuse");
            browser.until(d1 -> "refuse".equals(org.universalim.it.Http.get(isp.uri("/api/v1/me/privacy"), alice, Users.PASSWORD)
                    .json().getString("chosen", "")), "the choice was not saved");

            // unblock dave: what he sends now arrives, what he sent while blocked never does
            page.element("#block-list [data-unblock='" + daveAddress + "']").click();
            browser.until(d1 -> page.elements("#block-list li").size() == 1);
            d.request("message.send", Json.createObjectBuilder().add("to", aliceAddress).add("body", "after the unblock"));
            page.showView("chats");
            page.openChat(daveAddress);
            page.awaitMessage("after the unblock");
            assertThat(page.elements("#message-list .msg .body")).noneMatch(m -> m.getText().equals("blocked words"));
            browser.screenshot("users-in-control-blocks");
        }
    }

    @Test
    void aUserChangesTheirPasswordThenDeletesTheAccount() {
        IspServer isp = IspServer.a();
        String eve = Users.unique("eve");
        String fay = Users.register(isp, "fay", false);
        String eveAddress = eve + "@" + isp.domain();
        ClientPage page = ClientPage.open(browser, isp).register(eve, false);
        try (LocalClient f = LocalClient.login(isp, fay, "pc")) {
            f.request("roster.add", Json.createObjectBuilder().add("contact", eveAddress));
            page.accept(fay + "@" + isp.domain());
            try (LocalClient otherDevice = LocalClient.connect(isp)) {
                otherDevice.request("login", Json.createObjectBuilder().add("user", eve).add("password", Users.PASSWORD)
                        .add("device", "phone"));
                page.showView("account");
                page.element("#old-password").sendKeys(Users.PASSWORD);
                page.element("#new-password").sendKeys("my new password");
                page.element("#password-submit").click();
                otherDevice.awaitClose();
            }
            assertThat(page.element("#conn-local").getDomAttribute("data-state")).isEqualTo("connected");

            page.element("#delete-password").sendKeys("my new password");
            page.element("#delete-submit").click();
            browser.driver().switchTo().alert().accept();
            browser.until(d -> page.element("#welcome").isDisplayed() && page.element("#banner").getText().contains("deleted"),
                    "the page does not say the account is deleted");
            f.awaitPush("roster.push", push -> push.getBoolean("removed"));
            assertThat(org.universalim.it.Http.get(isp.uri("/api/v1/users/" + eve)).status()).isEqualTo(404);
        }
    }

    @Test
    void withInvitationsThePageRegistersOnlyWithOne() {
        IspServer isp = InviteServer.start();
        String name = Users.unique("guest");
        ClientPage page = ClientPage.open(browser, isp);
        page.fillRegistration(name, false);
        assertThat(page.element("#reg-invitation").isDisplayed()).as("the page asks for an invitation").isTrue();
        page.element("#register-submit").click();
        browser.until(d -> page.element("#register-error").isDisplayed(), "a registration without invitation was not refused");
        assertThat(page.element("#register-error").getText()).contains("invitation");

        String token = InviteServer.invitation().getString("token");
        ClientPage invited = ClientPage.openAt(browser, isp, "/?preauth=" + token);
        browser.until(d -> token.equals(invited.element("#reg-invitation").getDomProperty("value")), "the link did not fill in the code");
        invited.fillRegistration(name, false);
        invited.element("#register-submit").click();
        invited.user = name;
        invited.awaitLoggedIn(false);
    }
}
