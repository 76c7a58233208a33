package org.universalim.it.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two users of ISP A in the browser (R5, R10): they register with their personal attributes, add each
 * other, accept, see each other's presence per device and chat, with receipts, offline delivery and
 * history; the universal contact is highlighted.
 */
class WebClientIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void twoUsersRegisterAddEachOtherSeePresenceAndChat() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String aliceAddress = alice + "@" + isp.domain();
        String bobAddress = bob + "@" + isp.universalDomain();

        // bob is universal: his page also logs on to the Universal IM server over XMPP (R10)
        ClientPage bobPage = ClientPage.open(browser, isp).register(bob, true);
        assertThat(bobPage.xmppJid()).isEqualTo(bobAddress + "/browser-xmpp");
        // alice is local-only: her page speaks only the Local protocol
        ClientPage alicePage = ClientPage.open(browser, isp).register(alice, false);
        assertThat(alicePage.xmppState()).isEqualTo("unused");

        alicePage.addContact(bobAddress);
        assertThat(alicePage.contact(bobAddress).getDomAttribute("data-presence")).isEqualTo("UNKNOWN");
        bobPage.accept(aliceAddress);
        alicePage.accept(bobAddress);

        // the roster from both servers: presence for both, the universal contact highlighted (R5)
        alicePage.awaitPresence(bobAddress, "READY");
        bobPage.awaitPresence(aliceAddress, "READY");
        assertThat(alicePage.isHighlightedUniversal(bobAddress)).isTrue();
        assertThat(bobPage.isHighlightedUniversal(aliceAddress)).isFalse();

        // per-device presence: bob's page is two devices, one per connection
        alicePage.openChat(bobAddress);
        browser.until(d -> alicePage.elements("#details-devices li").size() == 2);
        assertThat(alicePage.elements("#details-devices li")).extracting(li -> li.getDomAttribute("data-device"))
                .containsExactlyInAnyOrder("browser", "browser-xmpp");

        // a local-only and a universal user chat over the Local protocol, with receipts
        assertThat(alicePage.chatTransport()).isEqualTo("local");
        alicePage.send("Hello Bob, this is Alice");
        bobPage.focus();
        bobPage.contact(aliceAddress);
        bobPage.openChat(aliceAddress);
        bobPage.awaitMessage("Hello Bob, this is Alice");
        assertThat(alicePage.awaitStatus("Hello Bob, this is Alice", "delivered")).contains("Delivered to browser");
        bobPage.send("Hi Alice!");
        alicePage.awaitMessage("Hi Alice!");
        assertThat(bobPage.awaitStatus("Hi Alice!", "delivered")).contains("Delivered");

        // a state set on one device reaches the watcher
        bobPage.setState("BUSY");
        alicePage.awaitPresence(bobAddress, "BUSY");
        browser.screenshot("web-client-chat");

        // offline delivery: bob logs out, alice's message is stored, and delivered when bob is back
        bobPage.logOut();
        alicePage.awaitPresence(bobAddress, "OFFLINE");
        alicePage.send("Are you there?");
        assertThat(alicePage.awaitStatus("Are you there?", "stored")).contains("Stored");
        bobPage.logIn(bob, "browser", true);
        bobPage.openChat(aliceAddress);
        assertThat(bobPage.attributeOf("Are you there?", "data-offline")).isEqualTo("true");
        alicePage.awaitStatus("Are you there?", "delivered");

        // history: the conversation so far, loaded after the new log-in
        bobPage.awaitMessage("Hello Bob, this is Alice");
        bobPage.awaitMessage("Hi Alice!");
    }

    @Test
    void aUserManagesDevicesTheDeliveryOrderAndSecurityLevels() {
        String carl = Users.unique("carl");
        ClientPage page = ClientPage.open(browser, isp).register(carl, false);
        page.showView("devices");
        browser.until(d -> page.deviceOrder().equals(java.util.List.of("browser")));

        page.element("#device-name").sendKeys("phone");
        new Select(page.element("#device-type")).selectByValue("CELL_PHONE");
        new Select(page.element("#device-level")).selectByValue("2");
        page.element("#device-form button[type='submit']").click();
        browser.until(d -> page.deviceOrder().equals(java.util.List.of("browser", "phone")));

        // phone first in the delivery order
        page.element("#device-table tr[data-device='phone'] button[aria-label='Move phone up']").click();
        browser.until(d -> page.deviceOrder().equals(java.util.List.of("phone", "browser")));

        // a confidential message can only go to a device of level 3
        new Select(page.element("select[data-device-level='browser']")).selectByValue("3");
        browser.until(d -> "3".equals(new Select(page.element("select[data-device-level='browser']"))
                .getFirstSelectedOption().getDomAttribute("value")));
        new Select(page.element("#decision-level")).selectByValue("3");
        page.element("#decision-form button").click();
        browser.until(d -> page.element("#decision-answer").getText().contains("It would go to browser"));

        // an unknown contact gets an error in words
        page.showView("chats");
        page.element("#add-contact-address").sendKeys("nobody-" + carl + "@" + isp.domain());
        page.element("#add-contact-submit").click();
        browser.until(d -> page.element("#add-contact-error").isDisplayed());
        assertThat(page.element("#add-contact-error").getText()).isNotBlank().doesNotContain("unknown_recipient");
        assertThat(browser.driver().findElements(By.cssSelector("#contact-list .contact"))).isEmpty();

        // upgrading to universal (R9) also logs the page on to the Universal IM server
        page.showView("account");
        page.element("#upgrade").click();
        browser.until(d -> "connected".equals(page.element("#conn-xmpp").getDomAttribute("data-state")),
                "the upgraded user's page did not log on to the Universal IM server");
        assertThat(page.element("#account-facts").getText()).contains(carl + "@" + isp.universalDomain());
        assertThat(page.element("#upgrade-box").isDisplayed()).isFalse();
    }

    @Test
    void aWrongPasswordIsRefusedInWords() {
        String dora = Users.register(isp, "dora", false);
        ClientPage page = ClientPage.open(browser, isp);
        page.element("#login-user").sendKeys(dora);
        page.element("#login-password").sendKeys("not her password");
        page.element("#login-submit").click();
        browser.until(d -> page.element("#login-error").isDisplayed(), "a wrong password was not refused");
        assertThat(page.element("#login-error").getText()).isEqualTo("Wrong user name or password.");
        assertThat(page.element("#app").isDisplayed()).isFalse();
    }
}
