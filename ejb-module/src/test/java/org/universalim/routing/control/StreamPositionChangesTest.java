package org.universalim.routing.control;

import org.junit.jupiter.api.Test;
import org.universalim.routing.entity.StreamPosition;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream position changes of one journal batch, folded in order. */
class StreamPositionChangesTest {

    private static MessageStore.Operation given(String id, String stream, long position) {
        return new MessageStore.Operation.Given(new StreamPosition(id, stream, position, "alice", "phone", Instant.EPOCH));
    }

    @Test
    void theLastPositionOfAMessageWins() {
        StreamPositionChanges changes = new StreamPositionChanges();
        changes.add(given("m1", "S", 1));
        changes.add(given("m1", "T", 4));
        assertThat(changes.given()).containsOnlyKeys("m1");
        assertThat(changes.given().get("m1").streamId()).isEqualTo("T");
    }

    @Test
    void aStreamForgottenTakesWhatItWasGivenBeforeButNotAfter() {
        StreamPositionChanges changes = new StreamPositionChanges();
        changes.add(given("m1", "S", 1));
        changes.add(given("m2", "T", 1));
        // a resumption numbers S again: forgotten, then given anew
        changes.add(new MessageStore.Operation.Forget("S", null));
        changes.add(given("m3", "S", 1));
        assertThat(changes.given()).containsOnlyKeys("m2", "m3");
        assertThat(changes.forgottenStreams()).containsExactly("S");
    }

    @Test
    void acknowledgedMessagesAreForgottenOnlyInTheirStream() {
        StreamPositionChanges changes = new StreamPositionChanges();
        changes.add(given("m1", "S", 1));
        changes.add(given("m2", "T", 1));
        changes.add(new MessageStore.Operation.Forget("S", List.of("m1", "m2")));
        assertThat(changes.given()).containsOnlyKeys("m2");
        assertThat(changes.forgottenIds()).containsOnlyKeys("S");
        assertThat(changes.forgottenIds().get("S")).containsExactly("m1", "m2");
    }
}
