package org.universalim.routing.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.routing.entity.ImMessage;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages from another ISP are handed on in their peer's order, batch after batch, each batch once committed. */
class ForeignBatchesTest {

    ForeignBatches batches;
    Ordered fallback;
    AtomicReference<Runnable> executor = new AtomicReference<>();
    List<Runnable> later = new CopyOnWriteArrayList<>();

    /** A fallback that records the order it is asked in. */
    static final class Ordered extends DeviceFallback {
        final List<String> order = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed, DeliveryPlan known,
                                                    CompletionStage<Void> durable, boolean tellSender) {
            order.add(message.id() + (tellSender ? "" : " (untold)"));
            return CompletableFuture.completedFuture(new SendResult(message.id(), SendResult.SENT, "pc", null, null));
        }
    }

    @BeforeEach
    void wire() {
        fallback = new Ordered();
        batches = new ForeignBatches();
        batches.fallback = fallback;
        batches.counters = new org.universalim.routing.control.RoutingCounters() {
            @Override
            public void routed() {
            }
        };
        batches.log = Logger.getLogger(ForeignBatchesTest.class.getName());
        // the executor runs what it is given when the test says so
        batches.executor = later::add;
    }

    @Test
    void aPeersBatchesAreHandedOnInTheirOrderAndTheSendersToldByReceipts() {
        batches.admit("isp-b.example");
        batches.arriving(new ForeignMessagesArrived("isp-b.example", List.of(from("b1"), from("b2"))));
        batches.admit("isp-b.example");
        batches.arriving(new ForeignMessagesArrived("isp-b.example", List.of(from("b3"))));

        assertThat(fallback.order).isEmpty();
        runLater();
        assertThat(fallback.order).containsExactly("b1", "b2", "b3");
    }

    private void runLater() {
        while (!later.isEmpty()) {
            Runnable r = later.remove(0);
            r.run();
        }
    }

    private static ImMessage from(String id) {
        return new ImMessage(id, 1, UserId.parse("dana@isp-b-u.example"), null, UserId.parse("bob@isp-a.example"), "bob", "text", 0, "hi",
                MessageService.XML, Instant.parse("2026-12-01T10:00:00Z"));
    }
}
