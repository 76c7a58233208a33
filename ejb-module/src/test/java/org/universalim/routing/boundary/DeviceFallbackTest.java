package org.universalim.routing.boundary;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.routing.entity.ImMessage;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The R4 device fallback: in the rules' order, the next device when one does not acknowledge in time or goes away. */
class DeviceFallbackTest {

    static final long ACK_TIMEOUT = 300;

    DeviceFallback fallback;
    RoutingFakes.RecordedReceipts receipts;
    RoutingFakes.RecordedStorage storage;
    SessionRegistry sessions;
    ScheduledThreadPoolExecutor scheduler;

    @BeforeEach
    void wire() {
        sessions = new SessionRegistry();
        receipts = new RoutingFakes.RecordedReceipts();
        storage = new RoutingFakes.RecordedStorage();
        scheduler = new ScheduledThreadPoolExecutor(1);
        fallback = new DeviceFallback();
        fallback.rules = new RoutingFakes.OrderedRules(Map.of("bob", List.of("pc", "phone")), ACK_TIMEOUT);
        fallback.sessions = sessions;
        fallback.cluster = new ClusterView();
        fallback.offline = storage;
        fallback.receipts = receipts;
        fallback.shown = new RoutingFakes.AsGiven();
        fallback.isp = RoutingFakes.ISP;
        fallback.log = Logger.getLogger(DeviceFallbackTest.class.getName());
        fallback.scheduler = scheduler;
    }

    @AfterEach
    void stop() {
        fallback.stopAckSweep();
        scheduler.shutdownNow();
    }

    @Test
    void theFirstDeviceInTheOrderGetsItAndItsAcknowledgementIsTheReceipt() {
        RoutingFakes.Device pc = connect("pc", true);
        RoutingFakes.Device phone = connect("phone", true);
        ImMessage m = RoutingFakes.message("m1", "bob");

        SendResult result = fallback.dispatch(m, new HashSet<>()).toCompletableFuture().join();

        assertThat(result.status()).isEqualTo(SendResult.SENT);
        assertThat(result.device()).isEqualTo("pc");
        assertThat(pc.messageIds()).containsExactly("m1");
        assertThat(phone.messageIds()).isEmpty();
        assertThat(fallback.inFlight("m1")).isTrue();
        fallback.acknowledge(phone, "m1"); // not the device it went to: ignored
        assertThat(receipts.told).isEmpty();
        fallback.acknowledge(pc, "m1");
        assertThat(receipts.told).containsExactly("m1 delivered pc");
        assertThat(fallback.inFlightCount()).isZero();
    }

    @Test
    void aDeviceThatDoesNotAcknowledgeInTimeIsPassedOverForTheNext() {
        RoutingFakes.Device pc = connect("pc", true);
        RoutingFakes.Device phone = connect("phone", true);
        fallback.dispatch(RoutingFakes.message("m2", "bob"), new HashSet<>()).toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(5)).until(() -> phone.messageIds().contains("m2"));
        assertThat(pc.messageIds()).containsExactly("m2");
        fallback.acknowledge(pc, "m2"); // too late: the phone has it now
        fallback.acknowledge(phone, "m2");
        assertThat(receipts.told).containsExactly("m2 delivered phone");
    }

    @Test
    void whenNoDeviceAcknowledgesTheMessageIsStoredAndTheSenderTold() {
        connect("pc", true);
        connect("phone", true);
        fallback.dispatch(RoutingFakes.message("m3", "bob"), new HashSet<>()).toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(5)).until(() -> storage.stored.contains("m3"));
        await().atMost(Duration.ofSeconds(5)).until(() -> receipts.told.contains("m3 stored"));
    }

    @Test
    void aSessionThatEndsPassesItsUnacknowledgedMessagesOnAtOnce() {
        RoutingFakes.Device pc = connect("pc", true);
        RoutingFakes.Device phone = connect("phone", true);
        fallback.dispatch(RoutingFakes.message("m4", "bob"), new HashSet<>()).toCompletableFuture().join();

        sessions.unregister(pc);
        fallback.sessionClosed(pc);

        assertThat(phone.messageIds()).containsExactly("m4");
    }

    @Test
    void aDeviceThatIsNotConnectedOrFullIsSkippedAndNoDeviceMeansStorage() {
        RoutingFakes.Device phone = connect("phone", false);
        phone.full = true;

        SendResult result = fallback.dispatch(RoutingFakes.message("m5", "bob"), new HashSet<>()).toCompletableFuture().join();

        assertThat(result.status()).isEqualTo(SendResult.STORED);
        assertThat(storage.stored).containsExactly("m5");
    }

    @Test
    void aClientThatDoesNotAcknowledgeHasItDeliveredOnceWritten() {
        RoutingFakes.Device pc = connect("pc", false);

        SendResult result = fallback.dispatch(RoutingFakes.message("m6", "bob"), new HashSet<>()).toCompletableFuture().join();

        assertThat(result.device()).isEqualTo("pc");
        assertThat(pc.messageIds()).containsExactly("m6");
        assertThat(receipts.told).containsExactly("m6 delivered pc");
        assertThat(fallback.inFlightCount()).isZero();
    }

    private RoutingFakes.Device connect(String device, boolean acknowledges) {
        RoutingFakes.Device d = new RoutingFakes.Device("bob", device, acknowledges);
        sessions.register(d);
        return d;
    }
}
