package org.universalim.routing.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Decisions for one recipient in the order they come; an open one holds the next until it is settled. */
class RecipientLanesTest {

    RecipientLanes lanes;
    List<String> decided;

    @BeforeEach
    void wire() {
        lanes = new RecipientLanes();
        lanes.log = Logger.getLogger(RecipientLanesTest.class.getName());
        lanes.executor = Runnable::run;
        decided = new CopyOnWriteArrayList<>();
    }

    private CompletableFuture<String> decide(String user, String what) {
        return lanes.decide(user, () -> {
            decided.add(what);
            return CompletableFuture.completedFuture(what);
        }).toCompletableFuture();
    }

    @Test
    void withNothingHeldADecisionIsTakenAtOnce() {
        assertThat(decide("bob", "m1").join()).isEqualTo("m1");
        assertThat(decided).containsExactly("m1");
        assertThat(lanes.held("bob")).isFalse();
    }

    @Test
    void aHeldRecipientsNextDecisionsWaitInOrderAndOthersDoNot() {
        CompletableFuture<Void> storing = new CompletableFuture<>();
        lanes.decide("bob", () -> {
            decided.add("m1");
            lanes.hold("bob", storing);
            return storing;
        });
        CompletableFuture<String> m2 = decide("bob", "m2");
        CompletableFuture<String> m3 = decide("bob", "m3");
        decide("carol", "c1");

        assertThat(decided).containsExactly("m1", "c1");
        assertThat(m2).isNotDone();
        storing.complete(null);
        assertThat(decided).containsExactly("m1", "c1", "m2", "m3");
        assertThat(m3.join()).isEqualTo("m3");
        assertThat(lanes.held("bob")).isFalse();
    }

    @Test
    void aWaitingDecisionThatHoldsAgainStopsTheOnesAfterIt() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        lanes.hold("bob", first);
        lanes.decide("bob", () -> {
            decided.add("m1");
            lanes.hold("bob", second);
            return second;
        });
        decide("bob", "m2");

        first.complete(null);
        assertThat(decided).containsExactly("m1");
        second.complete(null);
        assertThat(decided).containsExactly("m1", "m2");
    }
}
