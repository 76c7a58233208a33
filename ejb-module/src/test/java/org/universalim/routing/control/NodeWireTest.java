package org.universalim.routing.control;

import org.junit.jupiter.api.Test;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.entity.Subscription;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.ReceiptStatus;
import org.universalim.routing.boundary.SendResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeWireTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456Z");
    private static final UserPresence PRESENCE = new UserPresence("bob@isp-a.example", true, DeviceState.BUSY, true, "call",
            List.of(new UserPresence.DevicePresence("pc", DeviceType.PC, DeviceState.BUSY, "call", List.of("text", "file"), 2,
                    false, "10.0.0.1")));

    @Test
    void everyKindOfDeliveryCrossesUnchanged() {
        List<Delivery> all = List.of(
                new Delivery.Message("m1", "alice@isp-a.example", "bob@isp-a.example", "text", 1, "Hi \"Bob\" <3", AT, true, "xml",
                        "<message/>"),
                new Delivery.Presence(PRESENCE),
                new Delivery.RosterUpdate(new RosterEntry("bob@isp-a.example", "Bob", List.of("work"), Subscription.BOTH, false, true,
                        true, PRESENCE), false),
                new Delivery.SubscriptionRequest("carol@isp-b-u.example", "let me see you"),
                new Delivery.SubscriptionAnswer("bob@isp-a.example", true),
                new Delivery.Receipt("m1", "bob@isp-a.example", ReceiptStatus.DELIVERED, "pc", null),
                new Delivery.AlertFired(7L, "bob@isp-a.example", "pc", AT),
                new Delivery.PersonalEvent("bob@isp-a-u.example", "urn:xmpp:avatar:metadata", "item", "1a2b",
                        "<metadata xmlns=\"urn:xmpp:avatar:metadata\"><info id=\"1a2b\" bytes=\"12\"/></metadata>"),
                new Delivery.Copy(Delivery.Copy.SENT, "m2", "alice@isp-a-u.example", "bob@isp-a-u.example", "laptop", "text", 0,
                        "sent on the laptop", AT, "<composing xmlns=\"http://jabber.org/protocol/chatstates\"/>", "c-1", "laptop"),
                new Delivery.Stanza("phone", "<iq xmlns=\"jabber:client\" type=\"get\" id=\"v1\"><query xmlns=\"jabber:iq:version\"/></iq>"),
                new Delivery.Stanza("desktop", "<iq xmlns=\"jabber:client\" type=\"result\" id=\"d1\" from=\"prosody.example\"/>",
                        new Delivery.Stanza.Asked("d1", "prosody.example")));
        List<NodeWire.Call> calls = new ArrayList<>();
        for (Delivery d : all) {
            calls.add(NodeWire.Call.push(List.of("alice", "dan"), d));
        }

        NodeWire.Batch read = NodeWire.readBatch(NodeWire.write(new NodeWire.Batch(calls)));

        assertThat(read.calls()).extracting(c -> c.delivery().content()).containsExactlyElementsOf(all);
        assertThat(read.calls()).allSatisfy(c -> {
            assertThat(c.op()).isEqualTo(NodeWire.PUSH);
            assertThat(c.users()).containsExactly("alice", "dan");
        });
    }

    @Test
    void aStanzaOfANodeThatDoesNotKnowAnswersToRemoteIqsReadsAsAPlainStanza() {
        NodeWire.Batch read = NodeWire.readBatch("{\"calls\": [{\"op\": \"push\", \"users\": [\"alice\"], \"delivery\": "
                + "{\"stanza\": {\"device\": \"phone\", \"xml\": \"<iq/>\"}}}]}");
        assertThat(read.calls().get(0).delivery().content()).isEqualTo(new Delivery.Stanza("phone", "<iq/>"));
    }

    @Test
    void dispatchCloseStoredOutboxAndJoinedCallsKeepTheirFields() {
        NodeWire.Batch batch = new NodeWire.Batch(List.of(
                NodeWire.Call.dispatch("m9", Set.of("pc")),
                NodeWire.Call.close("bob", "phone", "replaced"),
                NodeWire.Call.stored(List.of("bob")),
                NodeWire.Call.outbox("isp-b.example"),
                NodeWire.Call.joined("node2")));

        NodeWire.Batch read = NodeWire.readBatch(NodeWire.write(batch));

        assertThat(read).isEqualTo(batch);
    }

    @Test
    void aJoinedCallIsWrittenAsDocumented() {
        assertThat(NodeWire.write(new NodeWire.Batch(List.of(NodeWire.Call.joined("node2")))))
                .isEqualTo("{\"calls\":[{\"node\":\"node2\",\"op\":\"joined\"}]}");
        // a call of a node that does not know the field reads as before
        assertThat(NodeWire.readBatch("{\"calls\": [{\"op\": \"stored\", \"users\": [\"kim\"]}]}").calls())
                .containsExactly(NodeWire.Call.stored(List.of("kim")));
    }

    @Test
    void answersKeepTheirOrderAndTheirGaps() {
        NodeWire.Answers answers = new NodeWire.Answers(Arrays.asList(
                new SendResult("m1", SendResult.SENT, "pc", null, null), null, SendResult.failed("m2", "unknown_message", "no")));

        assertThat(NodeWire.readAnswers(NodeWire.write(answers))).isEqualTo(answers);
    }

    @Test
    void whatIsNotABatchIsRefusedClearly() {
        assertThatThrownBy(() -> NodeWire.readBatch("{\"calls\": 5}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeWire.readBatch("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeWire.readBatch("{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calls");
    }

    @Test
    void anEmptyOrDoubleBoxHoldsNoDelivery() {
        assertThat(new NodeWire.Box(null, null, null, null, null, null, null).content()).isNull();
        assertThat(new NodeWire.Box(null, new Delivery.Presence(PRESENCE), null, null, null,
                new Delivery.Receipt("m", "b", ReceiptStatus.STORED, null, null), null).content()).isNull();
    }
}
