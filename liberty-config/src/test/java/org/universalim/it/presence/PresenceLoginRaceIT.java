package org.universalim.it.presence;

import org.junit.jupiter.api.Test;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.User;
import org.universalim.it.xmpp.RawXmppClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watchers logging on just as their contact on another ISP comes online: whatever the order in which the
 * watcher's roster at log-on and the contact's presence reach the watcher's ISP, the watcher ends up showing
 * the contact's last state (online), on the Local protocol and on XMPP.
 */
class PresenceLoginRaceIT {

    static final int LOCAL_WATCHERS = 10;
    static final int XMPP_WATCHERS = 4;
    static final int ROUNDS = 8;
    /** Watchers log on spread over this much time around the contact's log-on. */
    static final int SPREAD_MS = 500;

    @Test
    void watchersLoggingOnAsTheirContactComesOnlineEndUpShowingItOnline() throws Exception {
        Isp a = Isp.a();
        Isp b = Isp.b();
        a.federatesWith(b);
        User contact = b.registersUniversal("carol");
        List<User> watchers = new ArrayList<>();
        for (int i = 0; i < LOCAL_WATCHERS + XMPP_WATCHERS; i++) {
            watchers.add(a.registersUniversal(i < LOCAL_WATCHERS ? "lw" : "xw"));
        }
        User observerUser = a.registersUniversal("obs");
        try (Device observer = observerUser.logsOn("pc")) {
            try (Device c = contact.logsOn("pc")) {
                observer.asksToSee(contact);
                c.approves(observer);
                for (User w : watchers) {
                    try (Device d = w.logsOn("setup")) {
                        d.asksToSee(contact);
                        c.approves(d);
                    }
                }
                // the contact's log-off below is its ISP's only news for A then (see PresenceInFlightIT otherwise)
                settled(b, a);
            }
            observer.sees(contact).offline();

            int checks = 0;
            List<String> stale = new ArrayList<>();
            ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
            ExecutorService loggingOn = Executors.newFixedThreadPool(LOCAL_WATCHERS + XMPP_WATCHERS);
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    List<CompletableFuture<LocalClient>> locals = new ArrayList<>();
                    List<CompletableFuture<RawXmppClient>> xmpps = new ArrayList<>();
                    // the contact logs on at SPREAD_MS / 2; the watchers all through SPREAD_MS
                    CompletableFuture<Device> contactOn = later(timer, loggingOn, SPREAD_MS / 2, () -> contact.logsOn("pc"));
                    for (int i = 0; i < watchers.size(); i++) {
                        User w = watchers.get(i);
                        int at = ThreadLocalRandom.current().nextInt(SPREAD_MS);
                        if (i < LOCAL_WATCHERS) {
                            locals.add(later(timer, loggingOn, at, () -> LocalClient.login(a.server(), w.name(), "pc")));
                        } else {
                            xmpps.add(later(timer, loggingOn, at, () -> {
                                RawXmppClient x = RawXmppClient.loggedIn(a.server(), w.name(), Users.PASSWORD, "laptop");
                                x.send("<presence xmlns='jabber:client'/>");
                                return x;
                            }));
                        }
                    }
                    Device c = contactOn.get(30, TimeUnit.SECONDS);
                    try {
                        observer.sees(contact).online();
                        // once the contact's presence has reached A, every watcher has a few seconds to show it
                        for (int i = 0; i < locals.size(); i++) {
                            checks++;
                            LocalClient l = locals.get(i).get(30, TimeUnit.SECONDS);
                            if (!eventually(() -> ShownPresence.local(l, contact.address()).online())) {
                                stale.add("round " + round + " local watcher " + i + ": " + ShownPresence.local(l, contact.address()));
                            }
                        }
                        for (int i = 0; i < xmpps.size(); i++) {
                            checks++;
                            RawXmppClient x = xmpps.get(i).get(30, TimeUnit.SECONDS);
                            if (!eventually(() -> ShownPresence.xmpp(x, contact.address() + "/pc").online())) {
                                stale.add("round " + round + " XMPP watcher " + i + ": " + ShownPresence.xmpp(x, contact.address() + "/pc"));
                            }
                        }
                    } finally {
                        settled(b, a);
                        for (CompletableFuture<LocalClient> l : locals) {
                            l.get(30, TimeUnit.SECONDS).close();
                        }
                        for (CompletableFuture<RawXmppClient> x : xmpps) {
                            x.get(30, TimeUnit.SECONDS).close();
                        }
                        c.close();
                    }
                    observer.sees(contact).offline();
                }
            } finally {
                timer.shutdownNow();
                loggingOn.shutdownNow();
            }
            System.out.printf("[presence] log-on race: %d checks (%d rounds of %d Local and %d XMPP watchers), %d left "
                    + "showing the contact offline%n", checks, ROUNDS, LOCAL_WATCHERS, XMPP_WATCHERS, stale.size());
            assertThat(stale).as("watchers left showing an online contact offline, of %d checks", checks).isEmpty();
        }
    }

    /** Waits until nothing from {@code from} waits for {@code to}, nor is on its way there. */
    private static void settled(Isp from, Isp to) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> PeerOutagePresenceIT.outboxDepth(from, to.domain()) == 0);
    }

    /** Whether the condition holds within 5 s (a last state that arrives late still counts). */
    private static boolean eventually(java.util.concurrent.Callable<Boolean> shown) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(shown);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** Runs {@code task} on {@code pool} {@code delayMs} from now. */
    private static <T> CompletableFuture<T> later(ScheduledExecutorService timer, ExecutorService pool, int delayMs,
                                                  java.util.function.Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        timer.schedule(() -> pool.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }), delayMs, TimeUnit.MILLISECONDS);
        return result;
    }
}
