package org.universalim.routing.control;

import org.junit.jupiter.api.Test;
import org.universalim.routing.entity.StreamPosition;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandledCountTest {

    private static StreamPosition at(String id, long position) {
        return new StreamPosition(id, "S", position, "alice", "phone", Instant.EPOCH);
    }

    @Test
    void anHOfZeroCoversNothing() {
        assertThat(HandledCount.covers(0, 1)).isFalse();
        assertThat(HandledCount.covered(List.of(at("m1", 1), at("m2", 2)), 0)).isEmpty();
    }

    @Test
    void anHCoversThePositionsUpToItself() {
        assertThat(HandledCount.covers(3, 3)).isTrue();
        assertThat(HandledCount.covers(3, 1)).isTrue();
        assertThat(HandledCount.covers(3, 4)).isFalse();
        assertThat(HandledCount.covered(List.of(at("m4", 4), at("m1", 1), at("m3", 3)), 3))
                .extracting(StreamPosition::messageId).containsExactly("m1", "m3");
    }

    @Test
    void countsWrapAtTwoToTheThirtyTwo() {
        long last = (1L << 32) - 1;
        // the stanza after 4294967295 is 0
        assertThat(HandledCount.covers(0, last)).isTrue();
        assertThat(HandledCount.covers(2, last - 1)).isTrue();
        assertThat(HandledCount.covers(last, 0)).isFalse();
        assertThat(HandledCount.covers(last, 1)).isFalse();
        assertThat(HandledCount.covered(List.of(at("m2", 1), at("m0", last - 1), at("m1", 0), at("m3", 2)), 1))
                .extracting(StreamPosition::messageId).containsExactly("m0", "m1", "m2");
    }
}
