package org.universalim.it.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.universalim.it.IspServer;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user of ISP A and a user of ISP B chat through the web client: both pages log on to their Universal IM
 * server over XMPP and carry the chat there; the ISPs federate (R10, R11).
 */
class WebFederationIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static IspServer a;
    static IspServer b;

    @BeforeAll
    static void start() {
        a = IspServer.a();
        b = IspServer.b();
        Federation.peer(a, b, "REST", false);
        Federation.peer(b, a, "SOAP", false);
    }

    @Test
    void usersOfTwoIspsChatThroughThePage() {
        String carol = Users.unique("carol");
        String dave = Users.unique("dave");
        String carolAddress = carol + "@" + a.universalDomain();
        String daveAddress = dave + "@" + b.universalDomain();

        ClientPage carolPage = ClientPage.open(browser, a).register(carol, true);
        ClientPage davePage = ClientPage.open(browser, b).register(dave, true);

        carolPage.addContact(daveAddress);
        davePage.accept(carolAddress);
        carolPage.accept(daveAddress);
        carolPage.awaitPresence(daveAddress, "READY");
        davePage.awaitPresence(carolAddress, "READY");
        assertThat(carolPage.isHighlightedUniversal(daveAddress)).isTrue();
        // of another ISP: its domain is shown
        assertThat(carolPage.contact(daveAddress).getText().toLowerCase()).contains(b.universalDomain());

        // universal chat goes over XMPP, to the other ISP through federation
        carolPage.openChat(daveAddress);
        assertThat(carolPage.chatTransport()).isEqualTo("xmpp");
        carolPage.send("Hello from ISP A");
        davePage.openChat(carolAddress);
        davePage.awaitMessage("Hello from ISP A");
        assertThat(carolPage.attributeOf("Hello from ISP A", "data-via")).isEqualTo("xmpp");
        assertThat(carolPage.awaitStatus("Hello from ISP A", "delivered")).contains("Delivered to browser");

        davePage.send("Hello back from ISP B");
        carolPage.awaitMessage("Hello back from ISP B");
        davePage.awaitStatus("Hello back from ISP B", "delivered");
        browser.screenshot("web-client-federation");
    }
}
