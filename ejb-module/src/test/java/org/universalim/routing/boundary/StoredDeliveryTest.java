package org.universalim.routing.boundary;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.universalim.routing.control.RoutingSettings;
import org.universalim.routing.entity.ImMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The offer of stored messages to a device that logged on again while a node that held it was dying. */
class StoredDeliveryTest {

    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void theOfferWaitsForTheDeadNodesRowsToGoThoughThisNodeAlreadyCountsItselfAlone() throws Exception {
        RoutingFakes.OrderedRules rules = new RoutingFakes.OrderedRules(Map.of("bob", List.of("pc")), 10_000);
        RoutingFakes.RecordedReceipts receipts = new RoutingFakes.RecordedReceipts();
        RoutingFakes.Node node = new RoutingFakes.Node(rules, new RoutingFakes.RecordedStorage(), receipts, scheduler);
        RoutingFakes.StoredMessages store = new RoutingFakes.StoredMessages();
        // the dead node's row in the node table goes in the transaction that stores what it held
        AtomicBoolean deadNodeHoldsTheDevice = new AtomicBoolean(true);
        StoredDelivery offers = offers(node, rules, receipts, store, deadNodeHoldsTheDevice);
        // this node counts itself alone already (the dead node's heartbeat is too old): the view is not asked
        RoutingFakes.Device pc = new RoutingFakes.Device("bob", "pc", true);
        node.sessions.register(pc);

        CompletableFuture<Void> offered = offers.offer(pc).toCompletableFuture();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> !offered.isDone());
        node.fallback.dispatch(RoutingFakes.message("new1", "bob"), new java.util.HashSet<>());
        store.stored.add(RoutingFakes.message("held1", "bob"));
        deadNodeHoldsTheDevice.set(false);
        offered.get(5, TimeUnit.SECONDS);

        // what the dead node held first, then the newer message that waited for it
        await().atMost(Duration.ofSeconds(5)).until(() -> pc.messageIds().size() == 2);
        assertThat(pc.messageIds()).containsExactly("held1", "new1");
    }

    @Test
    void aStoredMessageIsNotWrittenAgainToTheSessionThatWasPassedOverForIt() {
        // GracefulStopIT/IspFaultsIT under load (CI, 2026-12-07): the pc was slow to acknowledge m1, the message went
        // to storage, the store offered it where it may be taken, the same session included, and the pc's late
        // acknowledgement then counted the first copy: the user saw m1 twice
        RoutingFakes.OrderedRules rules = new RoutingFakes.OrderedRules(Map.of("bob", List.of("pc")), 200);
        RoutingFakes.RecordedReceipts receipts = new RoutingFakes.RecordedReceipts();
        RoutingFakes.RecordedStorage storage = new RoutingFakes.RecordedStorage();
        RoutingFakes.Node node = new RoutingFakes.Node(rules, storage, receipts, scheduler);
        RoutingFakes.StoredMessages store = new RoutingFakes.StoredMessages();
        StoredDelivery offers = offers(node, rules, receipts, store, new AtomicBoolean(false));
        RoutingFakes.Device pc = node.connect("bob", "pc", true);

        node.fallback.dispatch(RoutingFakes.message("m1", "bob"), new java.util.HashSet<>()).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(5)).until(() -> storage.stored.contains("m1"));
        store.stored.add(RoutingFakes.message("m1", "bob"));
        store.stored.add(RoutingFakes.message("m2", "bob"));

        offers.offer(pc);

        await().atMost(Duration.ofSeconds(5)).until(() -> pc.messageIds().contains("m2"));
        assertThat(pc.messageIds()).containsExactly("m1", "m2");
        // its late acknowledgement counts: delivered to the pc
        node.fallback.acknowledge(pc, "m1").toCompletableFuture().join();
        assertThat(receipts.told).contains("m1 acknowledged late by pc");
    }

    @Test
    void aMessageThatWaitedForTheSessionComesBeforeANewerOneStoredMeanwhile() throws Exception {
        // NodeFaultsIT, kill -9 of node2 (2026-12-07): the phone bound again on this node while node2 was dying; #1 was
        // handed to the new session (the database still had the phone online on node2) and waited for its stored
        // messages; node2's declaration logged the phone off (and marked #1 stored), #2 was stored; at the log-on the
        // offer wrote #2 from storage, then #1
        Map<String, List<String>> devices = new java.util.concurrent.ConcurrentHashMap<>(Map.of("bob", List.of("phone")));
        RoutingFakes.OrderedRules rules = new RoutingFakes.OrderedRules(devices, 10_000);
        RoutingFakes.RecordedReceipts receipts = new RoutingFakes.RecordedReceipts();
        RoutingFakes.RecordedStorage storage = new RoutingFakes.RecordedStorage();
        RoutingFakes.Node node = new RoutingFakes.Node(rules, storage, receipts, scheduler);
        RoutingFakes.StoredMessages store = new RoutingFakes.StoredMessages();
        StoredDelivery offers = offers(node, rules, receipts, store, new AtomicBoolean(false));
        // bound here, not yet offered its stored messages
        RoutingFakes.Device phone = new RoutingFakes.Device("bob", "phone", true);
        node.sessions.register(phone);
        ImMessage m1 = RoutingFakes.message("m1", "bob", 1);
        ImMessage m2 = RoutingFakes.message("m2", "bob", 2);

        assertThat(node.fallback.dispatch(m1, new java.util.HashSet<>()).toCompletableFuture().join().status())
                .isEqualTo(SendResult.SENT);
        // the dead node's declaration: what it held for the phone stored, the phone offline
        store.stored.add(m1);
        devices.put("bob", List.of());
        assertThat(node.fallback.dispatch(m2, new java.util.HashSet<>()).toCompletableFuture().join().status())
                .isEqualTo(SendResult.STORED);
        store.stored.add(m2);
        // the phone's initial presence here
        devices.put("bob", List.of("phone"));
        offers.offer(phone).toCompletableFuture().get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> phone.messageIds().size() == 2);
        assertThat(phone.messageIds()).containsExactly("m1", "m2");
    }

    private StoredDelivery offers(RoutingFakes.Node node, RoutingFakes.OrderedRules rules, RoutingFakes.RecordedReceipts receipts,
                                  RoutingFakes.StoredMessages store, AtomicBoolean deadNodeHoldsTheDevice) {
        StoredDelivery offers = new StoredDelivery();
        offers.store = store;
        offers.rules = rules;
        offers.sessions = node.sessions;
        offers.fallback = node.fallback;
        offers.receipts = receipts;
        offers.lanes = node.lanes;
        offers.catchingUp = node.catchingUp;
        offers.settings = new RoutingSettings() {
            @Override
            public int offlineMaxPerUser() {
                return 100;
            }
        };
        offers.log = Logger.getLogger(StoredDeliveryTest.class.getName());
        offers.lifecycle = new SessionLifecycle() {
            @Override
            public List<String> nodesAlsoHolding(String userName, String device) {
                return deadNodeHoldsTheDevice.get() ? List.of("node2") : List.of();
            }
        };
        offers.deadSeconds = 10;
        offers.scheduler = scheduler;
        return offers;
    }
}
