package org.universalim.routing.boundary;

import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.presence.boundary.PresenceChanged;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.roster.boundary.WatchedPresence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClientNotifierTest {

    @Test
    void aPresenceReadBeforeAnotherChangeCommittedIsNeverWrittenAfterThePresenceThatShowsIt() throws Exception {
        // bob's two devices log off in two transactions, 15 ms apart: the push of the first reads bob's presence
        // before the second commits, and is slow to write it
        AtomicReference<DeviceState> browser = new AtomicReference<>(DeviceState.BUSY);
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        ClientNotifier notifier = new ClientNotifier();
        notifier.watchedPresence = new WatchedPresence() {
            @Override
            public Watched of(String userName, UserId localAddress) {
                UserPresence now = bob(browser.get());
                if (reads.incrementAndGet() == 1) {
                    firstRead.countDown();
                    awaitQuietly(goOn);
                }
                return new Watched(now, List.of("alice"));
            }
        };
        notifier.isp = RoutingFakes.ISP;
        notifier.cluster = new ClusterView();
        notifier.sessions = new SessionRegistry();
        notifier.sessions.catchingUp = new CatchingUp();
        notifier.log = Logger.getLogger(ClientNotifierTest.class.getName());
        RoutingFakes.Device alice = new RoutingFakes.Device("alice", "pc", true);
        notifier.sessions.register(alice);

        Thread first = new Thread(() -> notifier.presenceChanged(loggedOff("browser-xmpp")));
        first.start();
        assertThat(firstRead.await(5, TimeUnit.SECONDS)).isTrue();
        browser.set(DeviceState.OFFLINE); // the second log-off commits
        Thread second = new Thread(() -> notifier.presenceChanged(loggedOff("browser")));
        second.start();
        // the second push went out at once, or it waits for the first
        await().atMost(Duration.ofSeconds(5)).until(() -> !alice.got.isEmpty()
                || second.getState() == Thread.State.BLOCKED || second.getState() == Thread.State.WAITING);
        goOn.countDown();
        first.join(5_000);
        second.join(5_000);

        assertThat(alice.got).hasSize(2);
        Delivery.Presence last = (Delivery.Presence) alice.got.get(1);
        assertThat(last.presence().devices()).extracting(UserPresence.DevicePresence::state)
                .containsOnly(DeviceState.OFFLINE);
    }

    private static UserPresence bob(DeviceState browser) {
        return new UserPresence("bob@isp-a-u.example", true, browser, false, null, List.of(
                new UserPresence.DevicePresence("browser", DeviceType.PC, browser, null, List.of(), 0, false, null),
                new UserPresence.DevicePresence("browser-xmpp", DeviceType.PC, DeviceState.OFFLINE, null, List.of(), 0, false, null)));
    }

    private static PresenceChanged loggedOff(String device) {
        return new PresenceChanged("bob", device, DeviceState.BUSY, DeviceState.OFFLINE, null, DeviceState.BUSY,
                DeviceState.OFFLINE, Instant.now());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
