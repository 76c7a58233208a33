package org.universalim.routing.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.Unavailability;
import org.universalim.routing.control.RoutingSettings;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Offline storage keeps at most the configured number of messages per user; the sender hears which way it went. */
class OfflineStorageTest {

    OfflineStorage offline;
    RoutingFakes.RecordedJournal journal;
    RoutingFakes.StoredMessages store;
    SessionRegistry sessions;

    @BeforeEach
    void wire() {
        journal = new RoutingFakes.RecordedJournal();
        store = new RoutingFakes.StoredMessages();
        sessions = new SessionRegistry();
        RoutingSettings settings = new RoutingSettings() {
            @Override
            public int offlineMaxPerUser() {
                return 2;
            }
        };
        offline = new OfflineStorage();
        offline.store = store;
        offline.journal = journal;
        offline.sessions = sessions;
        offline.cluster = new ClusterView();
        offline.shown = new RoutingFakes.AsGiven();
        offline.settings = settings;
        offline.clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        offline.log = Logger.getLogger(OfflineStorageTest.class.getName());
        offline.executor = Runnable::run;
        offline.quota = new OfflineQuota() {
            @Override
            public SendResult refusal(org.universalim.routing.entity.ImMessage message) {
                return null; // every sender within their share (OfflineQuota's own rules are tested in the ITs)
            }
        };
    }

    @Test
    void aMessageNoDeviceTakesIsStoredWithTheReason() {
        SendResult result = offline.store(RoutingFakes.message("m1", "bob"), unavailable()).toCompletableFuture().join();

        assertThat(result.status()).isEqualTo(SendResult.STORED);
        assertThat(result.code()).isEqualTo(Unavailability.NO_DEVICE_ONLINE.name());
        assertThat(result.reason()).contains("bob@isp-a.example").contains("has no device online");
        assertThat(journal.marks).containsExactly("m1 STORED");
    }

    @Test
    void beyondTheLimitTheMessageFailsAndTheSenderIsToldTheStorageIsFull() {
        store.stored.addAll(List.of(RoutingFakes.message("old1", "bob"), RoutingFakes.message("old2", "bob")));

        SendResult result = offline.store(RoutingFakes.message("m2", "bob"), unavailable()).toCompletableFuture().join();

        assertThat(result.ok()).isFalse();
        assertThat(result.code()).isEqualTo("offline_storage_full");
        assertThat(result.reason()).contains("bob@isp-a.example");
        assertThat(journal.marks).containsExactly("m2 FAILED");
        // another user's storage is not full
        assertThat(offline.store(RoutingFakes.message("m3", "carol"), unavailable()).toCompletableFuture().join().status())
                .isEqualTo(SendResult.STORED);
    }

    private static DeliveryPlan unavailable() {
        return DeliveryPlan.notAvailable(Unavailability.NO_DEVICE_ONLINE, 10_000);
    }

}
