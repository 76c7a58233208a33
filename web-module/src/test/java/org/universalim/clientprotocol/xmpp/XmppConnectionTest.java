package org.universalim.clientprotocol.xmpp;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.websocket.RateLimiter;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.address.UserId;
import org.universalim.routing.boundary.Delivery;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** How a connection turns deliveries into stanzas, over a WebSocket session that writes at once. */
class XmppConnectionTest {

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private XmppConnection conn;

    @BeforeEach
    void connect() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        frames.add((String) args[0]);
                        ((SendHandler) args[1]).onResult(new SendResult());
                    }
                    return null;
                });
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "isOpen" -> false;
                    default -> null;
                });
        conn = new XmppConnection(session, "isp-a-u.example", 100, new RateLimiter(50, 200, System.nanoTime()), written::add,
                address -> address + "/phone");
        conn.newStreamId();
        conn.bound("laptop", UserId.parse("alice@isp-a-u.example"));
        conn.available(true);
    }

    private static UserPresence.DevicePresence device(String name, DeviceState state, String status) {
        return new UserPresence.DevicePresence(name, DeviceType.PC, state, status, List.of("text"), 0, false, null);
    }

    private static UserPresence bob(UserPresence.DevicePresence... devices) {
        return new UserPresence("bob@isp-a-u.example", true, DeviceState.READY, true, null, List.of(devices));
    }

    @Test
    void aContactsDevicesAreShownOnceEachAndUnavailableWhenTheyGoOffline() {
        conn.presence(bob(device("pc", DeviceState.READY, null), device("phone", DeviceState.BUSY, null)));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/pc\" "
                + "to=\"alice@isp-a-u.example/laptop\"><priority>2</priority>");
        assertThat(frames.get(1)).contains("from=\"bob@isp-a-u.example/phone\"").contains("<show>dnd</show><status>busy</status>")
                .contains("state=\"BUSY\"");

        conn.presence(bob(device("pc", DeviceState.READY, null), device("phone", DeviceState.BUSY, null)));
        assertThat(frames).as("nothing changed, nothing sent").hasSize(2);

        conn.presence(bob(device("pc", DeviceState.READY, null), device("phone", DeviceState.OFFLINE, null)));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(2)).isEqualTo("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/phone\" "
                + "to=\"alice@isp-a-u.example/laptop\" type=\"unavailable\"/>");

        conn.presence(bob(device("phone", DeviceState.OFFLINE, null)));
        assertThat(frames).hasSize(4);
        assertThat(frames.get(3)).contains("from=\"bob@isp-a-u.example/pc\"").contains("type=\"unavailable\"");
    }

    @Test
    void theUsersOwnOtherDevicesAreShownButNotThisOne() {
        conn.presence(new UserPresence("alice@isp-a-u.example", true, DeviceState.READY, true, null,
                List.of(device("laptop", DeviceState.READY, null), device("phone", DeviceState.AWAY, "out"))));
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).contains("from=\"alice@isp-a-u.example/phone\"").contains("<show>away</show><status>out</status>");
    }

    @Test
    void aResourceWithoutInitialPresenceGetsNoPresence() {
        conn.available(false);
        conn.presence(bob(device("pc", DeviceState.READY, null)));
        assertThat(frames).isEmpty();
    }

    @Test
    void aMessageIsWrittenInTheUniversalFormatFromAFullJidAndAcknowledgedOnceWritten() {
        Instant sent = Instant.parse("2026-11-24T10:00:00Z");
        assertThat(conn.deliver(new Delivery.Message("m-1", "bob@isp-a-u.example", "alice@isp-a-u.example", "text", 1, "Hi <you>",
                sent, false, "xml", null))).isTrue();
        assertThat(frames.get(0)).isEqualTo("<message xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/phone\" "
                + "to=\"alice@isp-a-u.example/laptop\" id=\"m-1\" type=\"chat\"><body>Hi &lt;you&gt;</body>"
                + "<im xmlns=\"urn:universal-im:message:1\" application=\"text\" security-level=\"1\"/></message>");
        assertThat(written).containsExactly("m-1");

        conn.deliver(new Delivery.Message("m-2", "bob@isp-a-u.example", "alice@isp-a-u.example", "text", 0, "stored", sent, true,
                "xml", null));
        assertThat(frames.get(1)).endsWith("<delay xmlns=\"urn:xmpp:delay\" from=\"isp-a-u.example\" stamp=\"2026-11-24T10:00:00Z\">"
                + "Offline storage</delay></message>");
    }

    @Test
    void rosterPushesSubscriptionsAndAlerts() {
        conn.deliver(new Delivery.SubscriptionRequest("bob@isp-a-u.example", "hi"));
        conn.deliver(new Delivery.SubscriptionAnswer("bob@isp-a-u.example", true));
        conn.deliver(new Delivery.AlertFired(7, "bob@isp-a-u.example", "pc", Instant.parse("2026-11-24T10:00:00Z")));
        List<String> got = new ArrayList<>(frames);
        assertThat(got.get(0)).isEqualTo("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example\" to=\"alice@isp-a-u.example\" "
                + "type=\"subscribe\"><status>hi</status></presence>");
        assertThat(got.get(1)).contains("type=\"subscribed\"");
        assertThat(got.get(2)).contains("type=\"headline\"").contains("<alert xmlns=\"urn:universal-im:alerts:1\" id=\"7\" "
                + "jid=\"bob@isp-a-u.example\" device=\"pc\" at=\"2026-11-24T10:00:00Z\"/>");
    }

    @Test
    void replacementEndsTheStreamWithConflict() {
        conn.close("replaced by a new log-in");
        assertThat(frames).containsExactly("<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\">"
                        + "<conflict xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/><text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\" "
                        + "xml:lang=\"en\">replaced by a new log-in</text></stream:error>",
                "<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
        assertThat(conn.deliver(new Delivery.SubscriptionAnswer("bob@isp-a-u.example", true))).isFalse();
    }

    @Test
    void aPresencePushedWhileTheInitialPresenceIsAnsweredComesAfterItsSnapshot() {
        conn.available(false);
        conn.holdPresence();
        // bob came online while the snapshot (read after this, older) was on its way
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null))));
        conn.available(true);
        conn.presence(new UserPresence("bob@isp-a-u.example", true, DeviceState.OFFLINE, false, null, List.of()));
        assertThat(frames).isEmpty();
        conn.releasePresence();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).contains("from=\"bob@isp-a-u.example/pc\"").doesNotContain("unavailable");
    }

    @Test
    void aContactWhoseIspCannotBeReachedIsUnavailableWithTheReasonAsStatus() {
        conn.presence(bob(device("pc", DeviceState.READY, null)));
        conn.presence(new UserPresence("bob@isp-a-u.example", true, DeviceState.OFFLINE, false, "isp-a.example cannot be reached",
                List.of(device("pc", DeviceState.OFFLINE, "isp-a.example cannot be reached")), UserPresence.PEER_UNREACHABLE));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1)).isEqualTo("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/pc\" "
                + "to=\"alice@isp-a-u.example/laptop\" type=\"unavailable\"><status>isp-a.example cannot be reached</status></presence>");
    }
}
