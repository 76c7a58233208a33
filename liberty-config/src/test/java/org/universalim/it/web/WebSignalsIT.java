package org.universalim.it.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.xmpp.RawXmppClient;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client tells the contact what its user does, as Converse.js does: XEP-0085 {@code composing} once when the user
 * starts typing, {@code paused} after about 5 s without a key, {@code active} with the message sent; and a XEP-0333
 * {@code displayed} marker for the contact's message shown in the open conversation. The contact is a Local-protocol
 * client, which sees them as {@code chatState} and {@code marker}.
 */
class WebSignalsIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theWebClientSendsTypingWhileTheUserTypesAndMarksShownMessagesDisplayed() {
        IspServer isp = IspServer.a();
        String wen = Users.unique("wen");
        String wenAddress = wen + "@" + isp.universalDomain();
        ClientPage page = ClientPage.open(browser, isp).register(wen, true);
        String xu = Users.register(isp, "xu", true);
        String xuAddress = xu + "@" + isp.universalDomain();
        try (LocalClient x = LocalClient.login(isp, xu, "pc")) {
            page.addContact(xuAddress);
            x.awaitPush("subscription.request", f -> f.getString("from").equalsIgnoreCase(wenAddress));
            x.request("subscription.approve", Json.createObjectBuilder().add("contact", wenAddress));
            page.openChat(xuAddress);

            // typing: one composing for several keys, paused once the user stops for about 5 s
            page.typeInComposer("Hel");
            JsonObject composing = x.await(state("composing"), WAIT);
            assertThat(composing.getString("from")).isEqualToIgnoringCase(wenAddress);
            page.typeInComposer("lo");
            long pausedAt = System.nanoTime();
            x.await(state("paused"), WAIT);
            assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).isGreaterThan(Duration.ofSeconds(3));
            assertThat(x.received("message").stream().filter(state("composing"))).hasSize(1);

            // typing again, then sending: composing again, and the message carries active
            page.typeInComposer(" there").sendComposed();
            JsonObject message = x.await(f -> "message".equals(f.getString("type")) && f.toString().contains("Hello there"), WAIT);
            assertThat(message.getString("chatState")).isEqualTo("active");
            assertThat(x.received("message").stream().filter(state("composing"))).hasSize(2);

            // xu writes; the page shows it in the open conversation: xu is told it was displayed, naming xu's id for it,
            // when xu asked for it (markable, XEP-0333), not otherwise
            x.request("message.send", Json.createObjectBuilder().add("to", wenAddress).add("body", "no marks wanted")
                    .add("clientId", "xu-0"));
            page.awaitMessage("no marks wanted");
            x.request("message.send", Json.createObjectBuilder().add("to", wenAddress).add("body", "did you read this")
                    .add("clientId", "xu-1").add("markable", true));
            page.awaitMessage("did you read this");
            JsonObject marker = x.await(f -> "message".equals(f.getString("type")) && "displayed".equals(f.getString("marker", null)), WAIT);
            assertThat(marker.getString("markerFor")).isEqualTo("xu-1");
            assertThat(marker.getString("from")).isEqualToIgnoringCase(wenAddress);
            assertThat(x.received("message")).filteredOn(f -> f.containsKey("marker")).hasSize(1);
        }

        // the same from an XMPP client: <markable/> asks for the marker, a message without it gets none
        try (RawXmppClient y = RawXmppClient.loggedIn(isp, xu, Users.PASSWORD, "laptop")) {
            y.send("<presence xmlns='jabber:client'/>");
            y.send("<message xmlns='jabber:client' type='chat' to='" + wenAddress + "' id='xu-2'><body>plain over xmpp</body></message>");
            page.awaitMessage("plain over xmpp");
            y.send("<message xmlns='jabber:client' type='chat' to='" + wenAddress + "' id='xu-3'><body>mark me over xmpp</body>"
                    + "<markable xmlns='urn:xmpp:chat-markers:0'/></message>");
            page.awaitMessage("mark me over xmpp");
            String marker = y.next(f -> f.startsWith("<message") && f.contains("<displayed"));
            assertThat(marker).contains("id=\"xu-3\"");
            assertThat(y.frames()).filteredOn(f -> f.contains("<displayed")).hasSize(1);
        }
    }

    @Test
    void theWebClientsXmppConnectionShowsTypingReadMarksAndCorrections() {
        IspServer isp = IspServer.a();
        String yan = Users.unique("yan");
        String yanAddress = yan + "@" + isp.universalDomain();
        ClientPage page = ClientPage.open(browser, isp).register(yan, true);
        String zoe = Users.register(isp, "zoe", true);
        String zoeAddress = zoe + "@" + isp.universalDomain();
        try (RawXmppClient z = RawXmppClient.loggedIn(isp, zoe, Users.PASSWORD, "laptop")) {
            z.send("<presence xmlns='jabber:client'/>");
            page.addContact(zoeAddress);
            z.next(f -> f.startsWith("<presence") && f.contains("type=\"subscribe\""));
            z.send("<presence xmlns='jabber:client' to='" + yanAddress + "' type='subscribed'/>");
            // the page's XMPP resource first in yan's delivery order: what zoe sends reaches the page over XMPP
            page.showView("devices");
            browser.until(d -> page.deviceOrder().contains("browser-xmpp"));
            page.element("#device-table tr[data-device='browser-xmpp'] button[aria-label='Move browser-xmpp up']").click();
            browser.until(d -> page.deviceOrder().get(0).equals("browser-xmpp"));
            page.openChat(zoeAddress);

            z.send("<message xmlns='jabber:client' type='chat' to='" + yanAddress + "' id='z-1'><body>first draft</body></message>");
            page.awaitMessage("first draft");
            assertThat(page.attributeOf("first draft", "data-via")).isEqualTo("xmpp");

            // typing (XEP-0085), shown under the title
            z.send("<message xmlns='jabber:client' type='chat' to='" + yanAddress + "' id='z-2'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            browser.until(d -> "typing…".equals(page.element("#chat-signal").getText()), "no typing shown");

            // a correction (XEP-0308) replaces the text shown
            z.send("<message xmlns='jabber:client' type='chat' to='" + yanAddress + "' id='z-3'><body>final text</body>"
                    + "<replace xmlns='urn:xmpp:message-correct:0' id='z-1'/><active xmlns='http://jabber.org/protocol/chatstates'/></message>");
            page.awaitMessage("final text");
            assertThat(page.elements("#message-list li.in .body")).extracting(e -> e.getText()).containsExactly("final text");

            // the page's message read by zoe (XEP-0333 displayed), shown as read
            page.send("hello zoe");
            String sent = z.next(f -> f.startsWith("<message") && f.contains("hello zoe"));
            z.send("<message xmlns='jabber:client' type='chat' to='" + yanAddress + "' id='z-4'>"
                    + "<displayed xmlns='urn:xmpp:chat-markers:0' id='" + RawXmppClient.attribute(sent, "id") + "'/></message>");
            browser.until(d -> "read".equals(page.element("#chat-signal").getText()), "no read mark shown");
        }
    }

    private static Predicate<JsonObject> state(String chatState) {
        return f -> "message".equals(f.getString("type")) && chatState.equals(f.getString("chatState", null)) && !f.toString().contains("<body");
    }
}
