package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.entity.Subscription;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.ReceiptStatus;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What a connection sends of the deliveries it is handed, and how it ends, over a transport that writes at once. */
class XmppConnectionTest {

    private final RecordingTransport transport = new RecordingTransport();
    private final List<String> frames = transport.written;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private XmppConnection conn;

    @BeforeEach
    void connect() {
        conn = new XmppConnection(transport, "isp-a-u.example",
                (session, messageId) -> delivered.add(messageId), address -> address + "/phone");
        conn.openStream();
        conn.authenticated("alice");
        conn.bound("laptop", UserId.parse("alice@isp-a-u.example"));
        conn.presence().available(true);
        frames.clear();
    }

    private static UserPresence.DevicePresence device(String name, DeviceState state, String status) {
        return new UserPresence.DevicePresence(name, DeviceType.PC, state, status, List.of("text"), 0, false, null);
    }

    private static UserPresence bob(UserPresence.DevicePresence... devices) {
        return new UserPresence("bob@isp-a-u.example", true, DeviceState.READY, true, null, List.of(devices));
    }

    @Test
    void aContactsDevicesAreShownOnceEachAndUnavailableWhenTheyGoOffline() {
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null), device("phone", DeviceState.BUSY, null))));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/pc\" "
                + "to=\"alice@isp-a-u.example/laptop\"><priority>2</priority>");
        assertThat(frames.get(1)).contains("from=\"bob@isp-a-u.example/phone\"").contains("<show>dnd</show><status>busy</status>")
                .contains("state=\"BUSY\"");

        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null), device("phone", DeviceState.BUSY, null))));
        assertThat(frames).as("nothing changed, nothing sent").hasSize(2);

        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null), device("phone", DeviceState.OFFLINE, null))));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(2)).isEqualTo("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/phone\" "
                + "to=\"alice@isp-a-u.example/laptop\" type=\"unavailable\"/>");

        conn.deliver(new Delivery.Presence(bob(device("phone", DeviceState.OFFLINE, null))));
        assertThat(frames).hasSize(4);
        assertThat(frames.get(3)).contains("from=\"bob@isp-a-u.example/pc\"").contains("type=\"unavailable\"");
    }

    @Test
    void theUsersOwnOtherDevicesAreShownButNotThisOne() {
        conn.presence().show(new UserPresence("alice@isp-a-u.example", true, DeviceState.READY, true, null,
                List.of(device("laptop", DeviceState.READY, null), device("phone", DeviceState.AWAY, "out"))));
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).contains("from=\"alice@isp-a-u.example/phone\"").contains("<show>away</show><status>out</status>");
    }

    @Test
    void aResourceWithoutInitialPresenceGetsNoPresenceAndNoSubscriptionRequests() {
        conn.presence().available(false);
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null))));
        assertThat(conn.deliver(new Delivery.SubscriptionRequest("bob@isp-a-u.example", "hi"))).isTrue();
        assertThat(frames).isEmpty();
    }

    @Test
    void aRefusedSubscriptionMakesTheContactsShownDevicesUnavailable() {
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null))));
        conn.deliver(new Delivery.SubscriptionAnswer("bob@isp-a-u.example", false));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(1)).contains("from=\"bob@isp-a-u.example/pc\"").contains("type=\"unavailable\"");
        assertThat(frames.get(2)).contains("type=\"unsubscribed\"");
    }

    @Test
    void aMessageIsWrittenInTheUniversalFormatAndCountsAsDeliveredOnceWritten() {
        assertThat(conn.deliver(new Delivery.Message("m-1", "bob@isp-a-u.example", "alice@isp-a-u.example", "text", 1, "Hi <you>",
                Instant.parse("2026-11-24T10:00:00Z"), false, "xml", null))).isTrue();
        assertThat(frames.get(0)).startsWith("<message xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/phone\" "
                + "to=\"alice@isp-a-u.example/laptop\" id=\"m-1\"");
        assertThat(delivered).containsExactly("m-1");
    }

    @Test
    void rosterPushesAreNumberedPerConnection() {
        RosterEntry entry = new RosterEntry("bob@isp-a-u.example", "Bob", List.of(), Subscription.BOTH, false, true, true, null);
        conn.deliver(new Delivery.RosterUpdate(entry, false));
        conn.deliver(new Delivery.RosterUpdate(entry, true));
        assertThat(frames.get(0)).contains("id=\"push-1\"");
        assertThat(frames.get(1)).contains("id=\"push-2\"").contains("subscription=\"remove\"");
    }

    @Test
    void receiptsAreNotShown() {
        assertThat(conn.deliver(new Delivery.Receipt("m-1", "bob@isp-a-u.example", ReceiptStatus.DELIVERED, "pc", null))).isTrue();
        assertThat(frames).isEmpty();
    }

    @Test
    void replacementEndsTheStreamWithConflict() {
        conn.close("replaced by a new log-in");
        assertThat(frames).containsExactly("<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\">"
                        + "<conflict xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/><text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\" "
                        + "xml:lang=\"en\">replaced by a new log-in</text></stream:error>",
                "close:conflict");
        assertThat(conn.deliver(new Delivery.SubscriptionAnswer("bob@isp-a-u.example", true))).isFalse();
    }

    @Test
    void aStreamFailedBeforeItIsOpenedIsOpenedFirst() {
        RecordingTransport fresh = new RecordingTransport();
        XmppConnection c = new XmppConnection(fresh, "isp-a-u.example",
                (session, id) -> { }, a -> a);
        c.closeStream(new XmppStreamException(XmppStreamException.Condition.RESTRICTED_XML, null));
        assertThat(fresh.written).hasSize(3);
        assertThat(fresh.written.get(0)).matches("header:[0-9a-f]{24}");
        assertThat(fresh.written.get(1)).isEqualTo("<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\">"
                + "<restricted-xml xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/></stream:error>");
        assertThat(fresh.written.get(2)).isEqualTo("close:restricted-xml");
    }

    @Test
    void theTransportLearnsThatItsClientLoggedIn() {
        RecordingTransport fresh = new RecordingTransport();
        XmppConnection c = new XmppConnection(fresh, "isp-a-u.example",
                (session, id) -> { }, a -> a);
        assertThat(fresh.wasAuthenticated()).isFalse();
        c.authenticated("alice");
        assertThat(fresh.wasAuthenticated()).isTrue();
        assertThat(c.stage()).isEqualTo(StreamStage.AWAITING_RESTART);
    }

    @Test
    void aClientThatDoesNotReadIsDropped() {
        RecordingTransport full = new RecordingTransport(new ClientOrigin("192.0.2.1", false), 0);
        XmppConnection c = new XmppConnection(full, "isp-a-u.example",
                (session, id) -> { }, a -> a);
        assertThat(c.send("<presence/>")).isFalse();
        assertThat(full.aborted()).isEqualTo("the client does not read its stanzas");
    }

    @Test
    void aPresencePushedWhileTheInitialPresenceIsAnsweredComesAfterItsSnapshot() {
        conn.presence().available(false);
        conn.presence().hold();
        // bob came online while the snapshot (read after this, older) was on its way
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null))));
        conn.presence().available(true);
        conn.presence().show(new UserPresence("bob@isp-a-u.example", true, DeviceState.OFFLINE, false, null, List.of()));
        assertThat(frames).isEmpty();
        conn.presence().release();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).contains("from=\"bob@isp-a-u.example/pc\"").doesNotContain("unavailable");
    }

    @Test
    void aContactWhoseIspCannotBeReachedIsUnavailableWithTheReasonAsStatus() {
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null))));
        conn.deliver(new Delivery.Presence(new UserPresence("bob@isp-a-u.example", true, DeviceState.OFFLINE, false,
                "isp-a.example cannot be reached", List.of(device("pc", DeviceState.OFFLINE, "isp-a.example cannot be reached")),
                UserPresence.PEER_UNREACHABLE)));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1)).isEqualTo("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/pc\" "
                + "to=\"alice@isp-a-u.example/laptop\" type=\"unavailable\"><status>isp-a.example cannot be reached</status></presence>");
    }

    private static UserPresence bobsIspCannotBeReached(String... devices) {
        String why = "isp-a.example cannot be reached";
        return new UserPresence("bob@isp-a-u.example", true, DeviceState.OFFLINE, false, why,
                java.util.Arrays.stream(devices).map(d -> device(d, DeviceState.OFFLINE, why)).toList(), UserPresence.PEER_UNREACHABLE);
    }

    @Test
    void aContactShownOfflineAlreadyIsShownTheReasonWhenTheirIspCannotBeReachedThenPlainOfflineWhenItAnswers() {
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null))));
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.OFFLINE, null))));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1)).doesNotContain("<status>");

        // bob's ISP dies while he is offline: the watcher is told why it sees him so
        conn.deliver(new Delivery.Presence(bobsIspCannotBeReached("pc")));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(2)).isEqualTo("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/pc\" "
                + "to=\"alice@isp-a-u.example/laptop\" type=\"unavailable\"><status>isp-a.example cannot be reached</status></presence>");
        conn.deliver(new Delivery.Presence(bobsIspCannotBeReached("pc")));
        assertThat(frames).as("the same reason once").hasSize(3);

        // his ISP answers again, he is still offline: the reason no longer holds
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.OFFLINE, null))));
        assertThat(frames).hasSize(4);
        assertThat(frames.get(3)).isEqualTo("<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/pc\" "
                + "to=\"alice@isp-a-u.example/laptop\" type=\"unavailable\"/>");
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.OFFLINE, null))));
        assertThat(frames).as("plain offline once").hasSize(4);
    }

    @Test
    void aResourceLoggingOnWhileAContactsIspCannotBeReachedIsShownTheReason() {
        // the initial presence's snapshot: bob's ISP has not answered for a while
        conn.presence().show(bobsIspCannotBeReached("pc", "phone"));
        assertThat(frames).hasSize(2);
        assertThat(frames).allMatch(f -> f.contains("type=\"unavailable\"><status>isp-a.example cannot be reached</status>"));
        // and a contact simply offline is not announced at log-on
        conn.presence().show(new UserPresence("carol@isp-a-u.example", true, DeviceState.OFFLINE, false, null,
                List.of(device("pc", DeviceState.OFFLINE, null))));
        assertThat(frames).hasSize(2);
        // bob comes back online when his ISP answers
        conn.deliver(new Delivery.Presence(bob(device("pc", DeviceState.READY, null), device("phone", DeviceState.OFFLINE, null))));
        assertThat(frames).hasSize(4);
        assertThat(frames.get(2)).contains("from=\"bob@isp-a-u.example/pc\"").doesNotContain("unavailable");
        assertThat(frames.get(3)).contains("from=\"bob@isp-a-u.example/phone\"").contains("type=\"unavailable\"/>");
    }
}
