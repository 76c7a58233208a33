package org.universalim.it.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

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

            // xu writes; the page shows it in the open conversation: xu is told it was displayed, naming xu's id for it
            x.request("message.send", Json.createObjectBuilder().add("to", wenAddress).add("body", "did you read this")
                    .add("clientId", "xu-1"));
            page.awaitMessage("did you read this");
            JsonObject marker = x.await(f -> "message".equals(f.getString("type")) && "displayed".equals(f.getString("marker", null)), WAIT);
            assertThat(marker.getString("markerFor")).isEqualTo("xu-1");
            assertThat(marker.getString("from")).isEqualToIgnoringCase(wenAddress);
        }
    }

    private static Predicate<JsonObject> state(String chatState) {
        return f -> "message".equals(f.getString("type")) && chatState.equals(f.getString("chatState", null)) && !f.toString().contains("<body");
    }
}
