package org.universalim.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The scenarios: (a) closed loop, (b) open loop, (c) logins, (d) idle connections. Each one sets up
 * its own users, measures, and closes everything it opened. (e) federation and (f) presence fan-out
 * are reserved names that need our server and are not implemented.
 */
final class Scenarios {

    private static final AtomicInteger RUN_IDS = new AtomicInteger();
    /** Logins that may fail before the connections scenario stops adding clients. */
    private static final int CONNECTION_FAILURES_TO_STOP = 100;
    /** How long the connections scenario holds its clients idle before counting who is still there. */
    private static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Driver d;
    private final Options o;

    Scenarios(Driver d) {
        this.d = d;
        this.o = d.o;
    }

    Result run(String scenario) {
        return switch (scenario) {
            case "closed" -> messages(false);
            case "open" -> messages(true);
            case "logins" -> logins();
            case "connections" -> connections();
            case "federation", "presence" -> throw new UnsupportedOperationException("scenario '" + scenario
                    + "' is reserved for our server and not implemented yet: see bench/README.md, 'Extension points'");
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    // ---------------------------------------------------------------- (a) closed loop, (b) open loop

    private Result messages(boolean open) {
        Result r = base(open ? "open" : "closed");
        int n = o.users;
        if (n % 2 != 0 || n < 2) {
            return r.put("error", "--users must be even and at least 2 for message scenarios");
        }
        r.put("messages_target", o.messages);
        if (open) {
            r.put("rate_target", o.rate);
        }
        register(r, n);
        Driver.Logins logins = d.login(o.userOffset, n, deadline(Math.max(o.maxSeconds, 300)), 1);
        r.put("logins_ok", logins.ok());
        if (logins.ok() < n) {
            d.closeAll(logins.list());
            return r.put("error", "only " + logins.ok() + " of " + n + " users logged in: " + logins.firstError());
        }
        Connection[] conns = logins.list().toArray(new Connection[0]);
        try {
            if (o.warmupMessages > 0) {
                MessageRun warm = open ? openRun(conns, o.warmupMessages, new LongAdder(), new long[1])
                        : closedRun(conns, o.warmupMessages, new LongAdder(), new boolean[1]);
                r.put("warmup_received", warm.received.sum());
            }
            ProcessStats.Sample s0 = ProcessStats.sample(o.serverPid);
            ProcessStats.Sample d0 = ProcessStats.self();
            double m0 = ProcessStats.machineBusySeconds();
            long start = System.nanoTime();
            LongAdder sent = new LongAdder();
            long[] sendEnd = new long[1];
            boolean[] capped = new boolean[1];
            MessageRun run = open ? openRun(conns, o.messages, sent, sendEnd) : closedRun(conns, o.messages, sent, capped);
            ProcessStats.Sample s1 = ProcessStats.sample(o.serverPid);
            ProcessStats.Sample d1 = ProcessStats.self();
            double m1 = ProcessStats.machineBusySeconds();

            long received = run.received.sum();
            double deliverySeconds = Math.max(1e-9, (run.lastReceiveNanos - start) / 1e9);
            r.put("messages_sent", sent.sum());
            r.put("messages_received", received);
            r.put("lost", sent.sum() - received);
            r.put("out_of_order", run.outOfOrder.sum());
            r.put("error_bounces", run.errors.sum());
            r.put("stale", run.stale.sum());
            if (open) {
                double sendSeconds = Math.max(1e-9, (sendEnd[0] - start) / 1e9);
                r.put("rate_sent", sent.sum() / sendSeconds);
                r.put("rate_delivered", received / deliverySeconds);
                r.put("capped", sent.sum() < o.messages);
            } else {
                r.put("msgs_per_s", received / deliverySeconds);
                r.put("capped", capped[0]);
            }
            r.put("elapsed_s", deliverySeconds);
            latency(r, "lat", run.latencyMicros());
            serverAndDriver(r, s0, s1, d0, d1, m0, m1);
            perOperation(r, "server_cpu_us_per_msg", 1e6, received);
        } finally {
            d.closeAll(List.of(conns));
        }
        return r;
    }

    /** Every user keeps exactly one message in flight to its partner, until {@code total} have been sent. */
    private MessageRun closedRun(Connection[] conns, long total, LongAdder sent, boolean[] capped) {
        int n = conns.length;
        AtomicLong tokens = new AtomicLong(total);
        AtomicBoolean stop = new AtomicBoolean();
        MessageRun run = new MessageRun(RUN_IDS.incrementAndGet(), n, o.userOffset, (sender, seq, now) -> {
            if (!stop.get() && tokens.getAndDecrement() > 0) {
                sent.increment();
                conns[sender].sendMessage(seq + 1, now);
            }
        });
        prepare(conns, run);
        long deadline = deadline(o.maxSeconds);
        for (int i = 0; i < n && tokens.getAndDecrement() > 0; i++) {
            sent.increment();
            conns[i].sendMessage(0, System.nanoTime());
        }
        boolean done = waitFor(() -> run.received.sum() >= total, deadline);
        if (!done) {
            stop.set(true);
            capped[0] = true;
        }
        waitFor(() -> run.received.sum() >= sent.sum(), deadline(o.graceSeconds));
        detach(conns);
        return run;
    }

    /**
     * Sends {@code total} messages at a fixed total rate, round robin over the users, each stamped
     * with its scheduled send time, whatever the replies do (no coordinated omission).
     */
    private MessageRun openRun(Connection[] conns, long total, LongAdder sent, long[] sendEnd) {
        int n = conns.length;
        MessageRun run = new MessageRun(RUN_IDS.incrementAndGet(), n, o.userOffset, null);
        prepare(conns, run);
        double interval = 1e9 / o.rate;
        long start = System.nanoTime();
        long deadline = deadline(o.maxSeconds);
        for (long k = 0; k < total; k++) {
            long intended = start + (long) (k * interval);
            if (intended - deadline > 0) {
                break;
            }
            long now = System.nanoTime();
            while (intended - now > 0) {
                LockSupport.parkNanos(intended - now);
                now = System.nanoTime();
            }
            conns[(int) (k % n)].sendMessage(k / n, intended);
            sent.increment();
        }
        sendEnd[0] = System.nanoTime();
        waitFor(() -> run.received.sum() >= sent.sum(), deadline(o.graceSeconds));
        detach(conns);
        return run;
    }

    /** Pairs user i with user i+N/2 (full JIDs) and routes their incoming messages to the run. */
    private static void prepare(Connection[] conns, MessageRun run) {
        int n = conns.length;
        for (int i = 0; i < n; i++) {
            conns[i].prepareRun(run.runId, conns[(i + n / 2) % n].jid());
            conns[i].sink = run;
        }
    }

    private static void detach(Connection[] conns) {
        for (Connection c : conns) {
            c.sink = null;
        }
    }

    // ---------------------------------------------------------------- (c) logins

    private Result logins() {
        Result r = base("logins");
        r.put("login_concurrency", o.loginConcurrency);
        register(r, o.users);
        // An untimed first pass lets the driver cache each user's SCRAM SaltedPassword (as real clients
        // do), so the measured pass costs the driver HMACs only and not PBKDF2 with the server's iterations.
        long primeStart = System.nanoTime();
        Driver.Logins prime = d.login(o.userOffset, o.users, deadline(Math.max(o.maxSeconds, 300)), Integer.MAX_VALUE);
        d.closeAll(prime.list());
        r.put("prime_s", Driver.seconds(primeStart));
        ProcessStats.Sample s0 = ProcessStats.sample(o.serverPid);
        ProcessStats.Sample d0 = ProcessStats.self();
        double m0 = ProcessStats.machineBusySeconds();
        Driver.Logins l = d.login(o.userOffset, o.users, deadline(o.maxSeconds), Integer.MAX_VALUE);
        ProcessStats.Sample s1 = ProcessStats.sample(o.serverPid);
        ProcessStats.Sample d1 = ProcessStats.self();
        double m1 = ProcessStats.machineBusySeconds();
        r.put("logins_ok", l.ok());
        r.put("login_failures", l.failures());
        r.put("first_error", l.firstError());
        r.put("capped", l.ok() + l.failures() < o.users);
        r.put("elapsed_s", l.seconds());
        r.put("logins_per_s", l.ok() / l.seconds());
        latency(r, "login", l.latencyMicros());
        serverAndDriver(r, s0, s1, d0, d1, m0, m1);
        perOperation(r, "server_cpu_ms_per_login", 1e3, l.ok());
        d.closeAll(l.list());
        return r;
    }

    // ---------------------------------------------------------------- (d) idle connections

    private Result connections() {
        Result r = base("connections");
        long self = ProcessHandle.current().pid();
        long fdLimit = ProcessStats.openFilesLimit(self);
        int reserve = ProcessStats.openFiles(self) + 64;
        int driverMax = (int) Math.min(Integer.MAX_VALUE, fdLimit < 0 ? Integer.MAX_VALUE : fdLimit - reserve);
        int target = Math.min(o.cap, driverMax);
        r.put("cap", o.cap);
        r.put("driver_fd_limit", fdLimit);
        r.put("driver_target", target);
        r.put("driver_limited", target < o.cap);
        r.put("users", target);
        r.put("login_concurrency", o.loginConcurrency);
        register(r, target);
        ProcessStats.Sample s0 = ProcessStats.sample(o.serverPid);
        Driver.Logins l = d.login(o.userOffset, target, deadline(o.maxSeconds), CONNECTION_FAILURES_TO_STOP);
        List<Connection> conns = l.list();
        r.put("logins_ok", l.ok());
        r.put("login_failures", l.failures());
        r.put("first_error", l.firstError());
        r.put("elapsed_s", l.seconds());
        r.put("logins_per_s", l.ok() / l.seconds());
        latency(r, "login", l.latencyMicros());
        long holdEnd = System.nanoTime() + HOLD_NANOS;
        while (System.nanoTime() - holdEnd < 0) {
            LockSupport.parkNanos(holdEnd - System.nanoTime());
        }
        long alive = conns.stream().filter(Connection::isReady).count();
        ProcessStats.Sample s1 = ProcessStats.sample(o.serverPid);
        r.put("connections_reached", alive);
        r.put("server_rss_before_mb", s0.rssMb());
        r.put("server_rss_mb", s1.rssMb());
        r.put("server_rss_peak_mb", s1.hwmKb() < 0 ? -1.0 : s1.hwmKb() / 1024.0);
        r.put("server_kb_per_connection", s0.rssKb() < 0 || alive == 0 ? null
                : (double) (s1.rssKb() - s0.rssKb()) / alive);
        r.put("server_open_files", s1.openFiles() < 0 ? null : s1.openFiles());
        r.put("server_fd_limit", o.serverPid > 0 ? ProcessStats.openFilesLimit(o.serverPid) : null);
        r.put("server_heap", ProcessStats.jvmHeapInfo(o.serverPid));
        r.put("driver_rss_mb", ProcessStats.self().rssMb());
        d.closeAll(conns);
        return r;
    }

    // ---------------------------------------------------------------- helpers

    private Result base(String scenario) {
        return new Result()
                .put("scenario", scenario)
                .put("server", o.label)
                .put("url", o.url.toString())
                .put("domain", o.domain)
                .put("time", Instant.now().toString())
                .put("users", o.users);
    }

    private void register(Result r, int count) {
        if (!o.register) {
            return;
        }
        Driver.Registrations reg = d.register(o.userOffset, count);
        r.put("registered_new", reg.created());
        r.put("registered_existing", reg.existed());
        r.put("registration_failures", reg.failures());
        if (reg.firstError() != null) {
            r.put("registration_error", reg.firstError());
        }
        r.put("registration_s", reg.seconds());
    }

    private static void latency(Result r, String prefix, Histogram h) {
        boolean any = h.getTotalCount() > 0;
        r.put(prefix + "_p50_ms", any ? h.getValueAtPercentile(50) / 1000.0 : null);
        r.put(prefix + "_p90_ms", any ? h.getValueAtPercentile(90) / 1000.0 : null);
        r.put(prefix + "_p99_ms", any ? h.getValueAtPercentile(99) / 1000.0 : null);
        r.put(prefix + "_p999_ms", any ? h.getValueAtPercentile(99.9) / 1000.0 : null);
        r.put(prefix + "_max_ms", any ? h.getMaxValue() / 1000.0 : null);
        r.put(prefix + "_mean_ms", any ? h.getMean() / 1000.0 : null);
    }

    /**
     * Server CPU and RSS, driver CPU, and the CPU that other processes of the machine used meanwhile
     * ({@code other_cpu_s}: well above zero means the numbers were disturbed).
     */
    private void serverAndDriver(Result r, ProcessStats.Sample s0, ProcessStats.Sample s1,
                                 ProcessStats.Sample d0, ProcessStats.Sample d1, double m0, double m1) {
        boolean server = s0.cpuSeconds() >= 0 && s1.cpuSeconds() >= 0;
        r.put("server_pid", o.serverPid > 0 ? o.serverPid : null);
        r.put("server_cpu_s", server ? s1.cpuSeconds() - s0.cpuSeconds() : null);
        r.put("server_rss_mb", s1.rssMb());
        r.put("server_heap", ProcessStats.jvmHeapInfo(o.serverPid));
        double driver = d1.cpuSeconds() - d0.cpuSeconds();
        r.put("driver_cpu_s", driver);
        if (m0 >= 0 && m1 >= 0) {
            r.put("machine_cpu_s", m1 - m0);
            r.put("other_cpu_s", server ? Math.max(0, m1 - m0 - driver - (s1.cpuSeconds() - s0.cpuSeconds())) : null);
        }
    }

    /** Server CPU per operation, in the unit given by {@code scale} (1e6: microseconds). */
    private static void perOperation(Result r, String key, double scale, long operations) {
        Object cpu = r.get("server_cpu_s");
        r.put(key, cpu instanceof Double c && operations > 0 ? c * scale / operations : null);
    }

    private static long deadline(double seconds) {
        return System.nanoTime() + (long) (seconds * 1e9);
    }

    /** Polls a condition every 5 ms until it holds or the deadline passes; true if it holds. */
    private static boolean waitFor(java.util.function.BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }
}
