package org.universalim.routing.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.routing.entity.ImMessage;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages from another ISP keep their peer's order across batches; each sender's ISP hears what became of them. */
class ForeignBatchesTest {

    ForeignBatches batches;
    Held fallback;
    RoutingFakes.RecordedReceipts receipts;

    /** A fallback that hands on in the order asked, and holds the messages it is told to. */
    static final class Held extends DeviceFallback {
        final List<String> order = new CopyOnWriteArrayList<>();
        final ConcurrentHashMap<String, CompletableFuture<SendResult>> held = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed) {
            order.add(message.id());
            CompletableFuture<SendResult> waiting = held.get(message.id());
            if (waiting != null) {
                return waiting;
            }
            return CompletableFuture.completedFuture(message.id().startsWith("offline")
                    ? new SendResult(message.id(), SendResult.STORED, null, "NO_DEVICE_ONLINE", "not online")
                    : new SendResult(message.id(), SendResult.SENT, "pc", null, null));
        }
    }

    @BeforeEach
    void wire() {
        fallback = new Held();
        receipts = new RoutingFakes.RecordedReceipts();
        batches = new ForeignBatches();
        batches.fallback = fallback;
        batches.receipts = receipts;
        batches.counters = new org.universalim.routing.control.RoutingCounters() {
            @Override
            public void routed() {
            }
        };
        batches.log = Logger.getLogger(ForeignBatchesTest.class.getName());
        batches.executor = Runnable::run;
    }

    @Test
    void aPeersNextBatchWaitsForTheOneBefore() {
        CompletableFuture<SendResult> slow = new CompletableFuture<>();
        fallback.held.put("b1", slow);

        batches.arrived(new ForeignMessagesArrived(List.of(from("isp-b-u.example", "b1"), from("isp-b-u.example", "b2"))));
        batches.arrived(new ForeignMessagesArrived(List.of(from("isp-b-u.example", "b3"))));
        batches.arrived(new ForeignMessagesArrived(List.of(from("isp-c-u.example", "c1"))));

        // another peer's batch does not wait; this peer's wait for b1
        assertThat(fallback.order).containsExactly("b1", "c1");
        slow.complete(new SendResult("b1", SendResult.SENT, "pc", null, null));
        assertThat(fallback.order).containsExactly("b1", "c1", "b2", "b3");
    }

    @Test
    void aStoredMessageIsReportedToItsSendersIsp() {
        batches.dispatch(List.of(from("isp-b-u.example", "offline-1"), from("isp-b-u.example", "sent-1")))
                .toCompletableFuture().join();

        assertThat(receipts.told).containsExactly("offline-1 stored");
    }

    private static ImMessage from(String domain, String id) {
        return new ImMessage(id, 1, "dana@" + domain, null, "bob@isp-a.example", "bob", "text", 0, "hi",
                MessageService.XML, Instant.parse("2026-12-01T10:00:00Z"));
    }
}
