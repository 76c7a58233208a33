package org.universalim.it.fault;

import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * The fault suite's world: servers, users with one device each on the Local protocol (through a {@link TcpProxy} per
 * server, so links can be cut), the conversations between them, a driver that sends at a fixed rate over every
 * conversation in turn (a sender that is not logged in is skipped), and a supervisor that logs every client in again
 * whenever it can. A round runs traffic around a fault and then {@link Tally counts} what the users saw.
 */
final class FaultRig implements AutoCloseable {

    /**
     * The size of a round: the short one by default (every round, a few seconds of traffic around its fault, for the
     * default build), the full one with {@code -Dfault.full=true} (the issue's size: 10,000 messages at 100/s, a peer
     * down 3 minutes, frozen 60 s).
     */
    record Size(int rate, int messages, Duration outage, Duration freeze, Duration settle) {

        static Size configured() {
            boolean full = Boolean.getBoolean("fault.full");
            Size size = full ? new Size(100, 10_000, Duration.ofMinutes(3), Duration.ofSeconds(60), Duration.ofMinutes(10))
                    : new Size(40, 240, Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofSeconds(240));
            return new Size(Integer.getInteger("fault.rate", size.rate), Integer.getInteger("fault.messages", size.messages),
                    size.outage, size.freeze, size.settle);
        }
    }

    /** One way of a conversation. */
    record Direction(FaultDevice from, FaultDevice to) {
    }

    private final Map<IspServer, TcpProxy> proxies = new LinkedHashMap<>();
    // written by the test thread while the supervisor already reads them: an ArrayList can throw
    // ConcurrentModificationException there, which silently ended the supervisor, and no client logged on again
    private final List<FaultDevice> clients = new CopyOnWriteArrayList<>();
    private final List<Direction> directions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "fault-driver");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ExecutorService logins = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "fault-login");
        t.setDaemon(true);
        return t;
    });
    private final Set<FaultDevice> loggingIn = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong allowance = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger turn = new AtomicInteger();
    private volatile ScheduledFuture<?> driver;
    private final ScheduledFuture<?> supervisor;
    final Size size = Size.configured();

    FaultRig() {
        supervisor = timers.scheduleWithFixedDelay(this::logInWhoIsOut, 200, 250, TimeUnit.MILLISECONDS);
    }

    /** A user registered on {@code home} (universal), with one device that connects through the servers' proxies. */
    FaultDevice user(String prefix, IspServer home, IspServer... others) {
        String name = Users.register(home, prefix, true);
        List<URI> endpoints = new ArrayList<>();
        endpoints.add(endpoint(home));
        for (IspServer other : others) {
            endpoints.add(endpoint(other));
        }
        FaultDevice client = new FaultClient(name, name + "@" + home.universalDomain(), "pc", endpoints);
        clients.add(client);
        return client;
    }

    /**
     * A user registered on {@code home} (universal), with one XMPP device (WebSocket, stream management) that connects
     * through the servers' proxies.
     */
    FaultDevice xmppUser(String prefix, IspServer home, IspServer... others) {
        String name = Users.register(home, prefix, true);
        List<URI> endpoints = new ArrayList<>();
        endpoints.add(endpoint(home, "/xmpp-websocket"));
        for (IspServer other : others) {
            endpoints.add(endpoint(other, "/xmpp-websocket"));
        }
        FaultDevice client = new XmppFaultClient(name, name + "@" + home.universalDomain(), home.universalDomain(), "phone", endpoints);
        clients.add(client);
        return client;
    }

    private URI endpoint(IspServer server) {
        return endpoint(server, "/ws/local");
    }

    private URI endpoint(IspServer server, String path) {
        TcpProxy proxy = proxies.computeIfAbsent(server, s -> new TcpProxy(s.httpPort()));
        return URI.create("ws://127.0.0.1:" + proxy.port() + path);
    }

    /** Both ways between two users. */
    void converse(FaultDevice a, FaultDevice b) {
        directions.add(new Direction(a, b));
        directions.add(new Direction(b, a));
    }

    List<FaultDevice> clients() {
        return List.copyOf(clients);
    }

    List<Direction> directions() {
        return List.copyOf(directions);
    }

    private void logInWhoIsOut() {
        try {
            startLogOns();
        } catch (RuntimeException | Error e) {
            // an exception would end this periodic task for good (ScheduledExecutorService): say it, keep going
            System.out.println("[fault] the log-on supervisor failed once: " + e);
            e.printStackTrace(System.out);
        }
    }

    private void startLogOns() {
        for (FaultDevice c : clients) {
            if (!c.isLoggedIn() && loggingIn.add(c)) {
                logins.execute(() -> {
                    try {
                        c.ensureLoggedIn();
                    } finally {
                        loggingIn.remove(c);
                    }
                });
            }
        }
    }

    /** Waits until every client is logged in. */
    void allLoggedIn(Duration within) {
        try {
            await("every client logged in").atMost(within).pollInterval(Duration.ofMillis(200))
                    .until(() -> clients.stream().allMatch(FaultDevice::isLoggedIn));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // which clients, and why their last attempt failed (CI once saw none log on for minutes, and nothing logged)
            StringBuilder why = new StringBuilder("not every client logged in within " + within + ":");
            for (FaultDevice c : clients) {
                if (!c.isLoggedIn()) {
                    why.append("\n  ").append(c.address).append(" (").append(c.isXmpp() ? "XMPP" : "Local").append("): ")
                            .append(c.lastLogOnFailure == null ? "no attempt failed yet (one may be in progress)" : c.lastLogOnFailure);
                }
            }
            System.out.println("[fault] " + why);
            throw new AssertionError(why.toString(), e);
        }
    }

    /** Starts sending {@code size.rate()} messages a second, one conversation after another. */
    void startTraffic() {
        long periodMicros = 1_000_000L / size.rate();
        driver = timers.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void sendOne() {
        if (sent.get() >= allowance.get()) {
            return;
        }
        for (int tries = 0; tries < directions.size(); tries++) {
            Direction d = directions.get(Math.floorMod(turn.getAndIncrement(), directions.size()));
            if (d.from().sendNext(d.to().address)) {
                sent.incrementAndGet();
                return;
            }
        }
    }

    /** The driver sends no more than this many messages in all (until raised). */
    void allowUpTo(long messages) {
        allowance.set(messages);
    }

    long sent() {
        return sent.get();
    }

    void stopTraffic() {
        ScheduledFuture<?> d = driver;
        if (d != null) {
            d.cancel(false);
        }
    }

    /** Waits (no longer than {@code within}) until the condition holds; returns whether it did. */
    static boolean waitFor(BooleanSupplier condition, Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** Cuts every client link of these servers with a TCP reset. */
    int cutLinks(IspServer... servers) {
        int cut = 0;
        for (IspServer s : servers) {
            TcpProxy proxy = proxies.get(s);
            if (proxy != null) {
                cut += proxy.resetAll();
            }
        }
        return cut;
    }

    /** Every client forgets what it counted (before a round). */
    void forget() {
        sent.set(0);
        clients.forEach(FaultDevice::forget);
    }

    @Override
    public void close() {
        stopTraffic();
        supervisor.cancel(false);
        timers.shutdownNow();
        logins.shutdownNow();
        clients.forEach(FaultDevice::abort);
        proxies.values().forEach(TcpProxy::close);
    }
}
