package org.universalim.routing.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.platform.cache.Caches;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which copies of a user's messages go to the user's devices (message carbons): sent ones, received ones, none when private. */
class MessageCopiesTest {

    record Pushed(String user, Delivery delivery) {
    }

    private final List<Pushed> pushed = new CopyOnWriteArrayList<>();
    private MessageCopies copies;

    @BeforeEach
    void setUp() {
        copies = new MessageCopies();
        copies.notifier = new ClientNotifier() {
            @Override
            public void push(String userName, Delivery delivery) {
                pushed.add(new Pushed(userName, delivery));
            }
        };
        copies.shown = new RoutingFakes.AsGiven();
        copies.display = new AddressDisplay(RoutingFakes.ISP, name -> Optional.<Subscriber>empty());
        copies.isp = RoutingFakes.ISP;
        copies.caches = new Caches();
        copies.clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        copies.log = Logger.getLogger(MessageCopiesTest.class.getName());
        copies.init();
    }

    private static SendResult sent(String id) {
        return new SendResult(id, SendResult.SENT, "pc", null, null);
    }

    @Test
    void aSentMessageIsCopiedToTheSendersDevicesNamingTheDeviceItWasSentFrom() {
        copies.sent("alice", "laptop", new SendRequest("bob@isp-a.example", "hi", null, 1), sent("m-1"), true);
        assertThat(pushed).hasSize(1);
        assertThat(pushed.get(0).user()).isEqualTo("alice");
        Delivery.Copy copy = (Delivery.Copy) pushed.get(0).delivery();
        assertThat(copy.direction()).isEqualTo(Delivery.Copy.SENT);
        assertThat(copy.device()).isEqualTo("laptop");
        assertThat(copy.to()).isEqualTo("bob@isp-a.example");
        assertThat(copy.application()).isEqualTo("text");
        assertThat(copy.securityLevel()).isEqualTo(1);
    }

    @Test
    void aReceivedMessageIsCopiedToTheRecipientsDevicesNamingTheDeviceThatTookIt() {
        copies.received(RoutingFakes.message("m-2", "bob"), "phone");
        assertThat(pushed).singleElement().satisfies(p -> {
            assertThat(p.user()).isEqualTo("bob");
            assertThat(((Delivery.Copy) p.delivery()).direction()).isEqualTo(Delivery.Copy.RECEIVED);
            assertThat(((Delivery.Copy) p.delivery()).device()).isEqualTo("phone");
        });
    }

    @Test
    void aBodyLessMessageIsCopiedWithItsElementsAndTheClientsId() {
        String state = "<composing xmlns=\"http://jabber.org/protocol/chatstates\"/>";
        copies.sent("alice", "laptop", new SendRequest("bob@isp-a.example", "", null, 0, null, "client-7", state, null),
                sent("m-6"), true);
        Delivery.Copy copy = (Delivery.Copy) pushed.get(0).delivery();
        assertThat(copy.body()).isEmpty();
        assertThat(copy.extensions()).isEqualTo(state);
        assertThat(copy.stanzaId()).isEqualTo("client-7");
        assertThat(copy.fromDevice()).isEqualTo("laptop");
    }

    @Test
    void aPrivateMessageIsCopiedOnNeitherSide() {
        copies.sent("alice", "laptop", new SendRequest("bob@isp-a.example", "hello", null, 0), sent("m-3"), false);
        copies.received(RoutingFakes.message("m-3", "bob"), "phone");
        assertThat(pushed).isEmpty();
    }

    @Test
    void noCopiesOfAFailedSendOrOfANoteToOneself() {
        copies.sent("alice", "laptop", new SendRequest("nobody@isp-a.example", "x", null, 0),
                SendResult.failed("m-4", "unknown_recipient", "no such user"), true);
        copies.sent("alice", "laptop", new SendRequest("alice@isp-a.example", "note", null, 0), sent("m-5"), true);
        assertThat(pushed).isEmpty();
    }
}
