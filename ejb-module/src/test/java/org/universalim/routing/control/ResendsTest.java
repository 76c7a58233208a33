package org.universalim.routing.control;

import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;
import org.universalim.routing.entity.ImMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A send whose derived id is taken: a resend within the window, else a new message under the next free id. */
class ResendsTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    static final Duration WINDOW = Duration.ofHours(24);
    static final List<String> IDS = List.of("id0", "id1", "id2");

    private static ImMessage sent(String id, String user, String clientId, Instant at) {
        return new ImMessage(id, 1, UserId.of(user, "isp-a.example"), user, UserId.parse("bob@isp-a.example"), "bob", "text", 0, "hi",
                "json", at).sentWithClientId(clientId);
    }

    @Test
    void theSameAccountAndClientIdWithinTheWindowIsAResend() {
        ImMessage first = sent("id0", "alice", "c-1", NOW.minusSeconds(30));
        Resends.Outcome o = Resends.of("alice", "c-1", 0, IDS, Map.of("id0", first), NOW, WINDOW);
        assertThat(o.firstSend()).isSameAs(first);
    }

    @Test
    void aFirstSendOlderThanTheWindowMakesANewMessageUnderTheNextId() {
        ImMessage old = sent("id0", "alice", "c-1", NOW.minus(WINDOW).minusSeconds(1));
        Resends.Outcome o = Resends.of("alice", "c-1", 0, IDS, Map.of("id0", old), NOW, WINDOW);
        assertThat(o.firstSend()).isNull();
        assertThat(o.attempt()).isEqualTo(1);
    }

    @Test
    void aResendOfAMessageThatTookTheNextIdFindsIt() {
        ImMessage old = sent("id0", "alice", "c-1", NOW.minus(Duration.ofDays(3)));
        ImMessage recent = sent("id1", "alice", "c-1", NOW.minusSeconds(5));
        Resends.Outcome o = Resends.of("alice", "c-1", 0, IDS, Map.of("id0", old, "id1", recent), NOW, WINDOW);
        assertThat(o.firstSend()).isSameAs(recent);
    }

    @Test
    void anIdTakenByAnotherMessageIsPassedOver() {
        ImMessage foreign = new ImMessage("id0", 1, UserId.parse("mallory@isp-b-u.example"), null, UserId.parse("bob@isp-a.example"), "bob", "text", 0, "x",
                "xml", NOW);
        Resends.Outcome o = Resends.of("alice", "c-1", 0, IDS, Map.of("id0", foreign), NOW, WINDOW);
        assertThat(o.firstSend()).isNull();
        assertThat(o.attempt()).isEqualTo(1);
    }

    @Test
    void whenEveryIdIsTakenARandomOneIsUsed() {
        Instant old = NOW.minus(Duration.ofDays(3));
        Resends.Outcome o = Resends.of("alice", "c-1", 0, IDS, Map.of("id0", sent("id0", "alice", "c-1", old),
                "id1", sent("id1", "alice", "c-1", old), "id2", sent("id2", "alice", "c-1", old)), NOW, WINDOW);
        assertThat(o.attempt()).isEqualTo(MessageIds.ATTEMPTS);
    }
}
