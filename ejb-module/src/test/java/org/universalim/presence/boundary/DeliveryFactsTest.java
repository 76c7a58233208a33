package org.universalim.presence.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.cluster.control.ViewState;
import org.universalim.platform.TransactionEnd;
import org.universalim.platform.cache.Caches;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's delivery facts are kept in memory only while this node is the ISP's only node, and what was kept is not used
 * once another node joined, even when this node is alone again: another node's changes (its user logged on there) do
 * not invalidate them here.
 */
class DeliveryFactsTest {

    /** A view set by the test. */
    static final class GivenView extends ClusterView {
        ViewState state = new ViewState(true, 3);

        @Override
        public ViewState now() {
            return state;
        }
    }

    final GivenView view = new GivenView();
    final DeliveryFacts facts = new DeliveryFacts();
    final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void wire() {
        facts.caches = new Caches();
        facts.transactionEnd = new TransactionEnd();
        facts.cluster = view;
        facts.create();
    }

    /** What the database says now: the phone online once it logged on (on whichever node). */
    private DeliveryFacts.Facts read(boolean phoneOnline) {
        reads.incrementAndGet();
        return new DeliveryFacts.Facts(List.of(), phoneOnline ? List.of("phone") : List.of(), 10_000);
    }

    @Test
    void whileAloneTheFactsAreReadOnceAndKept() {
        facts.get("zed", () -> read(false));
        DeliveryFacts.Facts again = facts.get("zed", () -> read(true));

        assertThat(reads).hasValue(1);
        assertThat(again.order()).isEmpty();
    }

    @Test
    void whileAnotherNodeLivesTheFactsAreReadEveryTime() {
        view.state = new ViewState(false, 4);

        facts.get("zed", () -> read(false));
        DeliveryFacts.Facts again = facts.get("zed", () -> read(true));

        assertThat(reads).hasValue(2);
        assertThat(again.order()).containsExactly("phone");
    }

    @Test
    void factsKeptWhileAloneAreReadAgainOnceAnotherNodeAnnouncedItself() {
        facts.get("zed", () -> read(false));
        // the frozen node is back, announces itself, and zed logs on again there
        view.state = view.state.announced();

        assertThat(facts.get("zed", () -> read(true)).order()).containsExactly("phone");
        // and not kept from then: another node lives
        assertThat(facts.get("zed", () -> read(false)).order()).isEmpty();
        assertThat(reads).hasValue(3);
    }

    @Test
    void factsKeptBeforeAnotherNodeJoinedAreNotUsedWhenThisNodeIsAloneAgain() {
        facts.get("zed", () -> read(false));
        view.state = view.state.announced().heartbeat(true, view.state.number() + 1);
        assertThat(view.state.alone()).isTrue();

        assertThat(facts.get("zed", () -> read(true)).order()).containsExactly("phone");
        // kept again in the new view
        assertThat(facts.get("zed", () -> read(false)).order()).containsExactly("phone");
        assertThat(reads).hasValue(2);
    }

    @Test
    void forgettingAUserReadsItsFactsAgain() {
        facts.get("zed", () -> read(false));
        facts.forget("zed");

        assertThat(facts.get("zed", () -> read(true)).order()).containsExactly("phone");
        assertThat(reads).hasValue(2);
    }
}
