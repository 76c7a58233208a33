package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user logged in over XMPP is protected by their block list before XEP-0191 exists (issue 16): the routing core
 * enforces it, so a blocked user's message, presence and subscription request never reach the XMPP session, while a
 * third user's message after them does.
 */
class XmppBlockingIT {

    @Test
    void aBlockedUsersStanzasNeverReachTheXmppSession() {
        IspServer a = IspServer.a();
        String xia = Users.register(a, "xia", true);
        String yan = Users.register(a, "yan", true);
        String zoe = Users.register(a, "zoe", true);
        String xiaAddress = xia + "@" + a.universalDomain();
        try (LocalClient x = LocalClient.login(a, xia, "setup"); LocalClient y = LocalClient.login(a, yan, "pc")) {
            // xia and yan see each other; then xia blocks yan (with her Local device, one list for every protocol)
            befriend(x, y, xiaAddress, yan + "@" + a.universalDomain());
            JsonObject blocked = x.request("block.add", Json.createObjectBuilder().add("address", yan + "@" + a.domain()));
            assertThat(blocked.getString("type")).as(blocked.toString()).isEqualTo("result");
            x.request("logout");

            try (RawXmppClient xmpp = RawXmppClient.loggedIn(a, xia, Users.PASSWORD, "phone");
                 LocalClient z = LocalClient.login(a, zoe, "pc")) {
                xmpp.send("<presence xmlns='jabber:client'/>");
                JsonObject sent = y.request("message.send", Json.createObjectBuilder().add("to", xiaAddress).add("body", "blocked words"));
                assertThat(sent.getString("status")).as("answered as if xia were offline").isEqualTo("stored");
                y.request("presence.set", Json.createObjectBuilder().add("state", "BUSY"));
                // zoe's message after them arrives; yan's message and presence never do
                JsonObject markerSent = z.request("message.send", Json.createObjectBuilder().add("to", xiaAddress).add("body", "marker"));
                assertThat(markerSent.getString("type")).isEqualTo("result");
                xmpp.next(f -> f.contains("marker"));
                assertThat(xmpp.frames()).noneMatch(f -> f.contains("blocked words"));
                assertThat(xmpp.frames()).noneMatch(f -> f.startsWith("<presence") && f.contains(yan + "@")
                        && !f.contains("unavailable"));
            }
        }
    }

    @Test
    void aBlockedUsersSubscriptionRequestNeverReachesTheXmppSession() {
        IspServer a = IspServer.a();
        String bea = Users.register(a, "bea", true);
        String cal = Users.register(a, "cal", true);
        String dee = Users.register(a, "dee", true);
        String beaAddress = bea + "@" + a.universalDomain();
        JsonObject blocked = org.universalim.it.Http.postJson(a.uri("/api/v1/me/blocks"), "{\"address\":\"" + cal + "@"
                + a.universalDomain() + "\"}", bea, Users.PASSWORD).json();
        assertThat(blocked.getString("address")).startsWith(cal);
        try (RawXmppClient xmpp = RawXmppClient.loggedIn(a, bea, Users.PASSWORD, "phone");
             LocalClient c = LocalClient.login(a, cal, "pc"); LocalClient d = LocalClient.login(a, dee, "pc")) {
            xmpp.send("<presence xmlns='jabber:client'/>");
            c.request("subscription.request", Json.createObjectBuilder().add("contact", beaAddress));
            d.request("subscription.request", Json.createObjectBuilder().add("contact", beaAddress));

            xmpp.next(f -> f.contains("type=\"subscribe\"") && f.contains(dee + "@"));
            assertThat(xmpp.frames()).noneMatch(f -> f.contains("type=\"subscribe\"") && f.contains(cal + "@"));
        }
    }

    private static void befriend(LocalClient one, LocalClient other, String oneAddress, String otherAddress) {
        one.request("roster.add", Json.createObjectBuilder().add("contact", otherAddress));
        other.await(f -> "subscription.request".equals(f.getString("type")));
        other.request("subscription.approve", Json.createObjectBuilder().add("contact", oneAddress));
        other.request("roster.add", Json.createObjectBuilder().add("contact", oneAddress));
        one.await(f -> "subscription.request".equals(f.getString("type")));
        one.request("subscription.approve", Json.createObjectBuilder().add("contact", otherAddress));
    }
}
