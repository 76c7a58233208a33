package org.universalim.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The shared machinery of all scenarios: one HttpClient with a small executor (every WebSocket
 * callback runs there), and windows of at most C registrations or logins in flight.
 */
final class Driver implements AutoCloseable {

    /** Users that logged in (null where a login failed), failures and the login latencies. */
    record Logins(AtomicReferenceArray<Connection> connections, int ok, int failures, String firstError,
                  Histogram latencyMicros, double seconds) {

        List<Connection> list() {
            List<Connection> l = new ArrayList<>(connections.length());
            for (int i = 0; i < connections.length(); i++) {
                if (connections.get(i) != null) {
                    l.add(connections.get(i));
                }
            }
            return l;
        }
    }

    /** Outcome of in-band registration. */
    record Registrations(int created, int existed, int failures, String firstError, double seconds) {
    }

    final Options o;
    final HttpClient client;
    private final ExecutorService executor;
    private final Duration timeout;

    Driver(Options o, int threads) {
        this.o = o;
        AtomicInteger n = new AtomicInteger();
        this.executor = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timeout = Duration.ofMillis((long) (o.connectTimeoutSeconds * 1000));
        // threads == 0: every callback runs on the HttpClient's selector thread (no hand-off at all).
        Executor callbacks = executor == null ? Runnable::run : executor;
        this.client = HttpClient.newBuilder().executor(callbacks).connectTimeout(timeout).build();
    }

    /**
     * Registers users [from, from+count) in-band; "conflict" counts as already registered. Users whose
     * registration failed (e.g. timed out) are tried once more.
     */
    Registrations register(int from, int count) {
        return register(from, count, i -> o.endpoints().get(0));
    }

    /** As {@link #register(int, int)}, user i on the server {@code where.apply(i)}. */
    Registrations register(int from, int count, IntFunction<Options.Endpoint> where) {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger existed = new AtomicInteger();
        java.util.Set<Integer> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        IntFunction<CompletableFuture<?>> attempt = i ->
                Connection.register(client, where.apply(i), o, i, timeout).whenComplete((r, e) -> {
                    if (e != null) {
                        failed.add(i);
                        firstError.compareAndSet(null, Connection.rootCause(e));
                    } else {
                        failed.remove(i);
                        if (r == Connection.Registration.CREATED) {
                            created.incrementAndGet();
                        } else {
                            existed.incrementAndGet();
                        }
                    }
                });
        window(from, count, o.loginConcurrency, Long.MAX_VALUE, () -> false, attempt);
        if (!failed.isEmpty()) {
            int[] retry = failed.stream().mapToInt(Integer::intValue).sorted().toArray();
            window(0, retry.length, o.loginConcurrency, Long.MAX_VALUE, () -> false, k -> attempt.apply(retry[k]));
        }
        return new Registrations(created.get(), existed.get(), failed.size(), firstError.get(), seconds(start));
    }

    /**
     * Logs users [from, from+count) in, C at a time, until all are done, the deadline passes, or
     * {@code maxFailures} logins have failed.
     */
    Logins login(int from, int count, long deadlineNanos, int maxFailures) {
        return login(from, count, deadlineNanos, maxFailures, i -> o.endpoints().get(0), null);
    }

    /**
     * As {@link #login(int, int, long, int)}, user i on the server {@code where.apply(i)}, with
     * {@code stanzas} (may be null) receiving each connection's presence and iq results from the start.
     */
    Logins login(int from, int count, long deadlineNanos, int maxFailures, IntFunction<Options.Endpoint> where,
                 Connection.StanzaSink stanzas) {
        AtomicReferenceArray<Connection> conns = new AtomicReferenceArray<>(count);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        Recorder latency = new Recorder(Duration.ofMinutes(10).toNanos() / 1000, 3);
        long start = System.nanoTime();
        window(from, count, o.loginConcurrency, deadlineNanos, () -> failures.get() >= maxFailures, i ->
                Connection.login(client, where.apply(i), o, i, o.userName(i), timeout, stanzas).whenComplete((c, e) -> {
                    if (e != null) {
                        failures.incrementAndGet();
                        firstError.compareAndSet(null, Connection.rootCause(e));
                    } else {
                        latency.recordValue((c.readyNanos - c.startNanos) / 1000);
                        conns.set(i - from, c);
                        ok.incrementAndGet();
                    }
                }));
        return new Logins(conns, ok.get(), failures.get(), firstError.get(), latency.getIntervalHistogram(),
                seconds(start));
    }

    /** Registers one user by name on a server; "conflict" counts as registered. Throws on failure. */
    Connection.Registration registerOne(Options.Endpoint server, String user) {
        return Connection.register(client, server, o, -1, user, timeout).join();
    }

    /** Logs one user in by name (index -1); throws on failure. */
    Connection loginOne(Options.Endpoint server, String user, Connection.StanzaSink stanzas) {
        return Connection.login(client, server, o, -1, user, timeout, stanzas).join();
    }

    /** Closes the streams and WebSockets, 500 at a time, aborting whatever has not closed within 10 s. */
    void closeAll(List<Connection> connections) {
        int batch = 500;
        for (int i = 0; i < connections.size(); i += batch) {
            List<Connection> part = connections.subList(i, Math.min(connections.size(), i + batch));
            CompletableFuture<?>[] closing = part.stream().map(Connection::close).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(closing).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                part.forEach(Connection::abort);
            }
        }
    }

    /** Runs {@code start(i)} for i in [from, from+count) with at most {@code concurrency} in flight. */
    private static void window(int from, int count, int concurrency, long deadlineNanos,
                               java.util.function.BooleanSupplier stop, IntFunction<CompletableFuture<?>> start) {
        Semaphore permits = new Semaphore(concurrency);
        try {
            for (int i = from; i < from + count; i++) {
                long wait = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
                if (wait <= 0 || !permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (stop.getAsBoolean()) {
                    permits.release();
                    break;
                }
                start.apply(i).whenComplete((r, e) -> permits.release());
            }
            // Whatever is still in flight ends by its own timeout; wait for it.
            permits.acquire(concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
