package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;
import org.universalim.clientprotocol.xmpp.sm.ManagedStream;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.entity.Subscription;
import org.universalim.routing.boundary.Delivery;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A connection under stream management (XEP-0198): counted, acknowledged, detached, resumed, overflowing. */
class XmppConnectionStreamManagementTest {

    private final RecordingTransport transport = new RecordingTransport();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<XmppConnection> ended = new CopyOnWriteArrayList<>();
    private final AtomicReference<XmppConnection> carried = new AtomicReference<>();
    private XmppConnection conn;

    private XmppConnection connection(RecordingTransport t) {
        XmppConnection c = new XmppConnection(t, "isp-a-u.example",
                (session, messageId) -> delivered.add(messageId), address -> address + "/pc");
        c.attach(carried::set, ended::add);
        c.openStream();
        c.authenticated("alice");
        return c;
    }

    @BeforeEach
    void connect() {
        conn = connection(transport);
        conn.bound("phone", UserId.parse("alice@isp-a-u.example"));
        conn.presence().available(true);
    }

    private void manage(String id, int capacity) {
        assertThat(conn.streamManagement().manage(new ManagedStream(id, 300, capacity), "<enabled/>")).isTrue();
        transport.written.clear();
    }

    private static Delivery.Message message(String id) {
        return new Delivery.Message(id, "bob@isp-a-u.example", "alice@isp-a-u.example", "text", 0, "hi",
                Instant.parse("2026-11-24T10:00:00Z"), false, "xml", null);
    }

    private static Delivery.RosterUpdate push() {
        return new Delivery.RosterUpdate(new RosterEntry("bob@isp-a-u.example", "Bob", List.of(), Subscription.BOTH, false, true,
                true, null), false);
    }

    @Test
    void aMessageCountsAsDeliveredOnlyOnceTheClientAcknowledgedIt() throws Exception {
        manage(null, 10);
        conn.deliver(push());
        conn.deliver(message("m-1"));
        assertThat(transport.written).hasSize(2);
        assertThat(delivered).as("written is not enough").isEmpty();
        conn.streamManagement().acknowledged(1);
        assertThat(delivered).isEmpty();
        conn.streamManagement().acknowledged(2);
        assertThat(delivered).containsExactly("m-1");
    }

    @Test
    void acknowledgingMoreThanWasSentIsAStreamError() {
        manage(null, 10);
        conn.deliver(message("m-1"));
        assertThatThrownBy(() -> conn.streamManagement().acknowledged(4)).isInstanceOfSatisfying(XmppStreamException.class, e -> {
            assertThat(e.condition()).isEqualTo(XmppStreamException.Condition.UNDEFINED_CONDITION);
            assertThat(XmppConnection.streamError(e)).contains("<undefined-condition xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"
                    + "<handled-count-too-high xmlns=\"urn:xmpp:sm:3\" h=\"4\" send-count=\"1\"/>");
        });
    }

    @Test
    void theClientsStanzasAreCountedAndAnsweredOnceHandled() {
        manage(null, 10);
        conn.streamManagement().stanzaReceived();
        CompletableFuture<Void> durable = new CompletableFuture<>();
        conn.handledWhen(durable);
        conn.streamManagement().stanzaReceived();
        ManagedStream stream = conn.streamManagement().state();
        assertThat(stream.receivedCount()).isEqualTo(2);
        assertThat(stream.allHandled().toCompletableFuture()).isNotDone();
        durable.complete(null);
        assertThat(stream.allHandled().toCompletableFuture()).isDone();
    }

    @Test
    void withoutResumptionALostLinkEndsTheSession() {
        manage(null, 10);
        assertThat(conn.streamManagement().detach()).isFalse();
        assertThat(conn.deliver(message("m-1"))).isFalse();
    }

    @Test
    void aLostLinkKeepsTheSessionForItsResumptionAndSendsAgainWhatStillMatters() throws Exception {
        manage("sm-1", 10);
        conn.deliver(message("m-1"));
        conn.deliver(message("m-2"));
        transport.closeStream("gone");
        assertThat(conn.streamManagement().detach()).isTrue();
        assertThat(conn.streamManagement().isDetached()).isTrue();
        // meanwhile messages go to the next device at once; other stanzas are kept for the resumed stream
        assertThat(conn.deliver(message("m-3"))).isFalse();
        assertThat(conn.deliver(push())).isTrue();

        RecordingTransport next = new RecordingTransport();
        XmppConnection fresh = connection(next);
        next.written.clear();
        // the client handled nothing; m-2 went elsewhere meanwhile (its deadline passed)
        int resent = conn.streamManagement().resumeOn(fresh, 0, e -> !"m-2".equals(e.messageId()), "<resumed/>");
        assertThat(resent).isEqualTo(2);
        assertThat(next.written).hasSize(3);
        assertThat(next.written.get(0)).isEqualTo("<resumed/>");
        assertThat(next.written.get(1)).contains("id=\"m-1\"");
        assertThat(next.written.get(2)).contains("<query xmlns=\"jabber:iq:roster\"");
        assertThat(carried.get()).isSameAs(conn);
        assertThat(conn.transport()).isSameAs(next);
        assertThat(conn.streamManagement().isDetached()).isFalse();

        // the count goes on from the client's: m-1 is stanza 1 of the resumed stream
        conn.streamManagement().acknowledged(1);
        assertThat(delivered).containsExactly("m-1");
        conn.deliver(message("m-4"));
        assertThat(next.last()).contains("id=\"m-4\"");
    }

    @Test
    void aResumptionAcknowledgesWhatTheClientHandledAndEndsAnOlderStreamStillOpen() throws Exception {
        manage("sm-1", 10);
        conn.deliver(message("m-1"));
        RecordingTransport next = new RecordingTransport();
        XmppConnection fresh = connection(next);
        assertThat(conn.streamManagement().resumeOn(fresh, 1, e -> true, "<resumed/>")).isZero();
        assertThat(delivered).containsExactly("m-1");
        assertThat(transport.written).anyMatch(f -> f.contains("<conflict xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"));
        assertThat(transport.last()).isEqualTo("close:conflict");
        // the old connection's close, reported late, leaves the resumed session alone
        assertThat(conn.streamManagement().endsWithout(transport)).isFalse();
        assertThat(conn.streamManagement().isDetached()).isFalse();
        // a message offered again after the client acknowledged it is not shown twice
        conn.deliver(message("m-1"));
        assertThat(next.written).noneMatch(f -> f.contains("id=\"m-1\""));
        assertThat(delivered).containsExactly("m-1", "m-1");
    }

    @Test
    void tooManyUnacknowledgedStanzasEndTheStreamWithResourceConstraint() {
        manage("sm-1", 2);
        conn.deliver(push());
        conn.deliver(push());
        assertThat(conn.deliver(message("m-1"))).isFalse();
        assertThat(transport.written).anyMatch(f -> f.contains("<resource-constraint xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"));
        assertThat(transport.last()).isEqualTo("close:resource-constraint");
        assertThat(conn.streamManagement().detach()).as("not resumable").isFalse();
    }

    @Test
    void aSessionWaitingForItsResumptionEndsWhenReplacedOrExpired() {
        manage("sm-1", 10);
        transport.closeStream("gone");
        assertThat(conn.streamManagement().detach()).isTrue();
        conn.close("replaced by a new log-in");
        assertThat(ended).containsExactly(conn);
        conn.expire();
        assertThat(ended).as("once").hasSize(1);
        assertThat(conn.isFinished()).isTrue();
    }

    /** Positions as a journal would take them: each write completes when the test says. */
    private static final class Positions implements org.universalim.clientprotocol.xmpp.sm.PositionLog {
        final List<String> given = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
        final List<java.util.Map<String, Long>> renumbered = new CopyOnWriteArrayList<>();
        final List<String> forgotten = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<?> given(String messageId, long position) {
            given.add(messageId + "@" + position);
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }

        @Override
        public CompletableFuture<?> renumbered(java.util.Map<String, Long> positions) {
            renumbered.add(positions);
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }

        @Override
        public void acknowledged(List<String> messageIds) {
            forgotten.addAll(messageIds);
        }
    }

    private Positions manageWithPositions(String id) {
        Positions positions = new Positions();
        assertThat(conn.streamManagement().manage(new ManagedStream(id, 300, 1000, positions), "<enabled/>")).isTrue();
        transport.written.clear();
        return positions;
    }

    @Test
    void onAResumableStreamAMessageIsWrittenOnlyOnceItsPositionIsDurableAndWhatFollowsWaitsForIt() throws Exception {
        Positions positions = manageWithPositions("sm-1");
        conn.deliver(push());
        assertThat(conn.deliver(message("m-1"))).isTrue();
        assertThat(conn.deliver(push())).isTrue();
        assertThat(positions.given).containsExactly("m-1@2");
        assertThat(transport.written).as("the first push; m-1 and what follows wait").hasSize(1);
        positions.writes.get(0).complete(null);
        assertThat(transport.written).hasSize(3);
        assertThat(transport.written.get(1)).contains("id=\"m-1\"");
        conn.streamManagement().acknowledged(3);
        assertThat(delivered).containsExactly("m-1");
    }

    @Test
    void aPositionNotWrittenDoesNotHoldTheStreamUp() {
        Positions positions = manageWithPositions("sm-1");
        conn.deliver(message("m-1"));
        positions.writes.get(0).completeExceptionally(new IllegalStateException("the database is gone"));
        assertThat(transport.written).hasSize(1);
    }

    @Test
    void withoutResumptionNoPositionIsKept() {
        Positions positions = new Positions();
        assertThat(conn.streamManagement().manage(new ManagedStream(null, 300, 10, positions), "<enabled/>")).isTrue();
        transport.written.clear();
        conn.deliver(message("m-1"));
        assertThat(positions.given).isEmpty();
        assertThat(transport.written).hasSize(1);
    }

    @Test
    void aResumedStreamNumbersItsMessagesAgainBeforeSendingThem() throws Exception {
        Positions positions = manageWithPositions("sm-1");
        conn.deliver(message("m-1"));
        conn.deliver(message("m-2"));
        conn.deliver(message("m-3"));
        positions.writes.forEach(w -> w.complete(null));
        assertThat(positions.given).containsExactly("m-1@1", "m-2@2", "m-3@3");
        transport.closeStream("gone");
        assertThat(conn.streamManagement().detach()).isTrue();

        RecordingTransport next = new RecordingTransport();
        XmppConnection fresh = connection(next);
        next.written.clear();
        // m-1 handled; m-2 went elsewhere meanwhile: m-3 is the stream's second stanza now
        conn.streamManagement().resumeOn(fresh, 1, e -> !"m-2".equals(e.messageId()), "<resumed/>");
        assertThat(positions.renumbered).containsExactly(java.util.Map.of("m-3", 2L));
        assertThat(next.written).as("<resumed/> only, until the numbers are durable").containsExactly("<resumed/>");
        positions.writes.get(3).complete(null);
        assertThat(next.written).hasSize(2);
        assertThat(next.written.get(1)).contains("id=\"m-3\"");
    }
}
