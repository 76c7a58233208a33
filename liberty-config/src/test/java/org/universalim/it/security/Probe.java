package org.universalim.it.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a user would see while something happens to the server: again and again, {@code /health/ready} and a
 * fresh WebSocket log-in, each timed. Runs on its own thread until stopped.
 */
final class Probe implements AutoCloseable {

    /** One check: when it started, how long it took, whether it answered (within the probe's time-out). */
    record Check(String what, long startNanos, long millis, boolean answered) {
    }

    /** How long the probe waits before it counts a check as unanswered: longer than the limit, to measure a stall. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI health;
    private final Runnable logIn;
    private final List<Check> checks = new ArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "probe"));
    private volatile boolean stopped;

    /**
     * @param logIn logs a fresh client in and lets it go; throws when refused or too slow
     */
    Probe(HttpClient http, URI health, Runnable logIn) {
        this.http = http;
        this.health = health;
        this.logIn = logIn;
    }

    Probe start() {
        thread.execute(this::loop);
        return this;
    }

    private void loop() {
        while (!stopped) {
            check("health", () -> {
                HttpResponse<Void> answer = http.sendAsync(HttpRequest.newBuilder(health).timeout(PATIENCE).build(),
                        HttpResponse.BodyHandlers.discarding()).orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
                return answer.statusCode() == 200;
            });
            check("log-in", () -> {
                CompletableFuture.runAsync(logIn).orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
                return true;
            });
            try {
                // the probe's pace, not a wait for an outcome
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check(String what, Supplier<Boolean> action) {
        long start = System.nanoTime();
        boolean answered;
        try {
            answered = action.get();
        } catch (RuntimeException e) {
            answered = false;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        synchronized (checks) {
            checks.add(new Check(what, start, millis, answered));
        }
    }

    int count() {
        synchronized (checks) {
            return checks.size();
        }
    }

    List<Check> checks() {
        synchronized (checks) {
            return List.copyOf(checks);
        }
    }

    /** The slowest check of a kind (an unanswered one counts as its full time). */
    long slowest(String what) {
        return checks().stream().filter(c -> c.what().equals(what)).mapToLong(Check::millis).max().orElse(0);
    }

    /** Checks that did not answer at all, or took longer than {@code limit}. */
    List<Check> over(String what, Duration limit) {
        return checks().stream().filter(c -> c.what().equals(what))
                .filter(c -> !c.answered() || c.millis() > limit.toMillis()).toList();
    }

    /**
     * The longest time during which nothing answered within {@code limit}: from the start of the first slow check
     * to the end of the last one of a run of slow checks.
     */
    long stallMillis(Duration limit) {
        long longest = 0;
        Long runStart = null;
        for (Check c : checks()) {
            boolean slow = !c.answered() || c.millis() > limit.toMillis();
            if (slow) {
                if (runStart == null) {
                    runStart = c.startNanos();
                }
                long end = c.startNanos() + TimeUnit.MILLISECONDS.toNanos(c.millis());
                longest = Math.max(longest, TimeUnit.NANOSECONDS.toMillis(end - runStart));
            } else {
                runStart = null;
            }
        }
        return longest;
    }

    @Override
    public void close() {
        stopped = true;
        thread.shutdown();
        try {
            thread.awaitTermination(2 * PATIENCE.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
