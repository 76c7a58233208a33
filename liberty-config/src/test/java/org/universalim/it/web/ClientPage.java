package org.universalim.it.web;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.util.List;

/** The web client in one browser tab, as one user sees and uses it. */
final class ClientPage {

    private final Browser browser;
    private final String tab;
    final IspServer isp;
    String user;

    private ClientPage(Browser browser, IspServer isp, String path) {
        this.browser = browser;
        this.isp = isp;
        this.tab = browser.newTab(isp.uri(path).toString());
        browser.until(d -> find("#login-submit").isEnabled(), "the page's script did not start");
    }

    static ClientPage open(Browser browser, IspServer isp) {
        return new ClientPage(browser, isp, "/");
    }

    /** The page at a path of its own, e.g. an invitation link {@code /?preauth=...}. */
    static ClientPage openAt(Browser browser, IspServer isp, String path) {
        return new ClientPage(browser, isp, path);
    }

    ClientPage focus() {
        browser.switchTo(tab);
        return this;
    }

    private WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private List<WebElement> all(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }

    private void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Registers with the personal attributes, which logs in as the device "browser". */
    ClientPage register(String userName, boolean universal) {
        fillRegistration(userName, universal);
        find("#register-submit").click();
        this.user = userName;
        awaitLoggedIn(universal);
        return this;
    }

    /** Fills the registration form (the invitation field, when shown, as it is). */
    ClientPage fillRegistration(String userName, boolean universal) {
        focus();
        browser.until(d -> !find("#isp-domain").getText().isEmpty(), "the page did not load");
        find("#tab-register").click();
        type("#reg-user", userName);
        type("#reg-password", Users.PASSWORD);
        type("#reg-full-name", "Test " + userName);
        type("#reg-screen-name", userName.toUpperCase());
        type("#reg-email", userName + "@mail.example");
        type("#reg-address", "1 Test Street, Testville");
        type("#reg-billing", "ACC-" + userName);
        if (universal != find("#reg-universal").isSelected()) {
            find("#reg-universal").click();
        }
        return this;
    }

    /** Logs in with the test password as a device. */
    ClientPage logIn(String userName, String device, boolean universal) {
        focus();
        browser.until(d -> !find("#isp-domain").getText().isEmpty(), "the page did not load");
        type("#login-user", userName);
        type("#login-password", Users.PASSWORD);
        type("#login-device", device);
        find("#login-submit").click();
        this.user = userName;
        awaitLoggedIn(universal);
        return this;
    }

    void awaitLoggedIn(boolean universal) {
        browser.until(d -> "connected".equals(find("#conn-local").getDomAttribute("data-state")),
                user + " did not get logged in to the Local IM server");
        if (universal) {
            browser.until(d -> "connected".equals(find("#conn-xmpp").getDomAttribute("data-state")),
                    user + " did not get logged in to the Universal IM server");
        }
    }

    String xmppState() {
        focus();
        return find("#conn-xmpp").getDomAttribute("data-state");
    }

    String xmppJid() {
        focus();
        return find("#conn-xmpp").getDomAttribute("data-jid");
    }

    ClientPage addContact(String address) {
        focus();
        type("#add-contact-address", address);
        find("#add-contact-submit").click();
        browser.until(d -> contactOrNull(address) != null, address + " did not appear in the contacts of " + user);
        return this;
    }

    /** Accepts a presence request that arrives from {@code from}. */
    ClientPage accept(String from) {
        focus();
        WebElement accept = browser.until(d -> d.findElements(By.cssSelector("#pending-list [data-approve]")).stream()
                .filter(b -> b.getDomAttribute("data-approve").equalsIgnoreCase(from)).findFirst().orElse(null),
                user + " got no request from " + from);
        browser.click(By.cssSelector("#pending-list [data-approve='" + accept.getDomAttribute("data-approve") + "']"));
        browser.until(d -> all("#pending-list [data-approve]").stream()
                .noneMatch(b -> b.getDomAttribute("data-approve").equalsIgnoreCase(from)));
        return this;
    }

    private WebElement contactOrNull(String address) {
        try {
            return all("#contact-list .contact").stream()
                    .filter(c -> c.getDomAttribute("data-contact").equalsIgnoreCase(address)).findFirst().orElse(null);
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    WebElement contact(String address) {
        focus();
        return browser.until(d -> contactOrNull(address), address + " is not among the contacts of " + user);
    }

    /** Waits until the contact's presence dot shows the state (READY, BUSY, OFFLINE, UNKNOWN...). */
    ClientPage awaitPresence(String address, String state) {
        focus();
        browser.until(d -> {
            WebElement c = contactOrNull(address);
            return c != null && state.equals(c.getDomAttribute("data-presence"));
        }, user + " does not see " + address + " as " + state);
        return this;
    }

    boolean isHighlightedUniversal(String address) {
        WebElement c = contact(address);
        return c.getDomAttribute("class").contains("universal")
                && !c.findElements(By.cssSelector(".badge.universal")).isEmpty();
    }

    ClientPage openChat(String address) {
        contact(address);
        browser.until(d -> {
            WebElement c = contactOrNull(address);
            if (c == null) {
                return false;
            }
            c.click();
            return true;
        });
        browser.until(d -> find("#chat").isDisplayed() && address.equalsIgnoreCase(
                find("#contact-list .contact[aria-current='true']").getDomAttribute("data-contact")));
        return this;
    }

    String chatTransport() {
        focus();
        return find("#chat-transport").getDomAttribute("data-transport");
    }

    ClientPage send(String text) {
        focus();
        type("#composer-text", text);
        find("#composer-send").click();
        return this;
    }

    /** Types into the composer, after what is there, without sending. */
    ClientPage typeInComposer(String text) {
        focus();
        find("#composer-text").sendKeys(text);
        return this;
    }

    /** Sends what the composer holds. */
    ClientPage sendComposed() {
        focus();
        find("#composer-send").click();
        return this;
    }

    /** Waits for a message with this text in the open conversation and answers its element. */
    WebElement awaitMessage(String text) {
        focus();
        return browser.until(d -> messageOrNull(text), user + " does not show the message '" + text + "'");
    }

    private WebElement messageOrNull(String text) {
        try {
            return all("#message-list .msg").stream()
                    .filter(m -> m.findElement(By.cssSelector(".body")).getText().equals(text)).findFirst().orElse(null);
        } catch (StaleElementReferenceException | NoSuchElementException e) {
            return null;
        }
    }

    /** Waits until the message with this text has the status (delivered, stored, ...) and answers its status line. */
    String awaitStatus(String text, String status) {
        focus();
        return browser.until(d -> {
            WebElement m = messageOrNull(text);
            try {
                return m != null && status.equals(m.getDomAttribute("data-status"))
                        ? m.findElement(By.cssSelector(".meta")).getText() : null;
            } catch (StaleElementReferenceException e) {
                return null;
            }
        }, "'" + text + "' of " + user + " never became " + status);
    }

    String attributeOf(String text, String attribute) {
        return awaitMessage(text).getDomAttribute(attribute);
    }

    ClientPage setState(String state) {
        focus();
        new Select(find("#my-state")).selectByValue(state);
        return this;
    }

    /** The rows of the Devices view, by device name in delivery order. */
    List<String> deviceOrder() {
        focus();
        return all("#device-table tbody tr").stream().map(r -> r.getDomAttribute("data-device")).toList();
    }

    ClientPage showView(String view) {
        focus();
        find(".views [data-view='" + view + "']").click();
        return this;
    }

    WebElement element(String css) {
        focus();
        return find(css);
    }

    List<WebElement> elements(String css) {
        focus();
        return all(css);
    }

    void logOut() {
        focus();
        find("#logout").click();
        browser.until(d -> find("#welcome").isDisplayed());
    }

    Browser browser() {
        return browser;
    }
}
