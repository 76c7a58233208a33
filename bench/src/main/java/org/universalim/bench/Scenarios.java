package org.universalim.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The scenarios: (a) closed loop, (b) open loop, (c) logins, (d) idle connections, (e) federation
 * (closed or open loop with every message crossing from one server to another) and (f) presence
 * fan-out (one user, watchers on up to three servers, logs off and on). Each one sets up its own
 * users, measures, and closes everything it opened.
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
            case "closed" -> messages(false, false);
            case "open" -> messages(true, false);
            case "federation" -> messages(false, true);
            case "federation-open" -> messages(true, true);
            case "logins" -> logins();
            case "connections" -> connections();
            case "presence" -> presence();
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    // ---------------------------------------------------------------- (a) closed loop, (b) open loop

    /**
     * (a), (b), and with {@code federation} (e): the same, but users of the first half log in to the
     * first server and their partners to the peer, so every message crosses between the two.
     */
    private Result messages(boolean open, boolean federation) {
        Result r = base(federation ? (open ? "federation-open" : "federation") : open ? "open" : "closed");
        int n = o.users;
        if (n % 2 != 0 || n < 2) {
            return r.put("error", "--users must be even and at least 2 for message scenarios");
        }
        List<Options.Endpoint> servers = o.endpoints();
        java.util.function.IntFunction<Options.Endpoint> where = federation
                ? i -> servers.get(Options.federationServer(i, o.userOffset, n))
                : i -> servers.get(0);
        if (federation) {
            r.put("peer_url", o.peerUrls.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(",")))
                    .put("peer_domain", o.peerDomain);
            if (o.urls.size() > 1 || o.peerUrls.size() > 1) {
                r.put("nodes", o.urls.size() + "+" + o.peerUrls.size());
            }
        }
        r.put("messages_target", o.messages);
        if (open) {
            r.put("rate_target", o.rate);
        }
        register(r, o.userOffset, n, where);
        Driver.Logins logins = d.login(o.userOffset, n, deadline(Math.max(o.maxSeconds, 300)), 1, where, null);
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
            Cpu c0 = cpu();
            long start = System.nanoTime();
            LongAdder sent = new LongAdder();
            long[] sendEnd = new long[1];
            boolean[] capped = new boolean[1];
            MessageRun run = open ? openRun(conns, o.messages, sent, sendEnd) : closedRun(conns, o.messages, sent, capped);
            Cpu c1 = cpu();

            long received = run.received.sum();
            double deliverySeconds = Math.max(1e-9, (run.lastReceiveNanos - start) / 1e9);
            r.put("messages_sent", sent.sum());
            r.put("messages_received", received);
            r.put("lost", sent.sum() - received);
            r.put("out_of_order", run.outOfOrder.sum());
            r.put("duplicates", run.duplicates.sum());
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
            serverAndDriver(r, c0, c1);
            perOperation(r, "server_cpu_us_per_msg", 1e6, received);
            if (federation) {
                perOperation(r, "servers_cpu_s", "servers_cpu_us_per_msg", 1e6, received);
            }
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
        Cpu c0 = cpu();
        Driver.Logins l = d.login(o.userOffset, o.users, deadline(o.maxSeconds), Integer.MAX_VALUE);
        Cpu c1 = cpu();
        r.put("logins_ok", l.ok());
        r.put("login_failures", l.failures());
        r.put("first_error", l.firstError());
        r.put("capped", l.ok() + l.failures() < o.users);
        r.put("elapsed_s", l.seconds());
        r.put("logins_per_s", l.ok() / l.seconds());
        latency(r, "login", l.latencyMicros());
        serverAndDriver(r, c0, c1);
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

    // ---------------------------------------------------------------- (f) presence fan-out

    /** How long the logged-in watchers may take to show who already saw the target, before subscribing. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How long to wait for every watcher to see the target go offline between rounds. */
    private static final double OFFLINE_WAIT_SECONDS = 30;
    /** Subscription requests still unanswered after this long are sent again. */
    private static final long RESUBSCRIBE_NANOS = TimeUnit.SECONDS.toNanos(60);

    /**
     * K watchers spread over the servers given (watcher j on server j mod S) subscribe to one target user
     * on the first server (the target's connection approves each request, at most --approve-rate per
     * second); then, for each round, the target logs off (closes its stream) and logs on again, and each
     * watcher records when it first sees the target's available presence. Latency: from the moment the
     * target sent its initial presence (System.nanoTime of this JVM) to each watcher's receipt.
     */
    private Result presence() {
        Result r = base("presence");
        List<Options.Endpoint> servers = o.endpoints();
        int k = o.watchers();
        int from = o.userOffset;
        java.util.function.IntFunction<Options.Endpoint> where =
                i -> servers.get(Options.watcherServer(i - from, servers.size()));
        Options.Endpoint home = servers.get(0);
        r.put("users", k).put("watchers", k).put("servers", servers.size()).put("rounds", o.rounds)
                .put("target", o.target + "@" + home.domain());
        for (int s = 1; s < servers.size(); s++) {
            r.put("peer" + (s == 1 ? "" : "2") + "_domain", servers.get(s).domain());
        }
        register(r, from, k, where);
        if (o.register) {
            try {
                d.registerOne(home, o.target);
            } catch (RuntimeException e) {
                return r.put("error", "registration of the target failed: " + Connection.rootCause(e));
            }
        }
        Fanout fanout = new Fanout(k, from, o.target);
        Driver.Logins logins = d.login(from, k, deadline(Math.max(o.maxSeconds, 300)), 1, where, fanout);
        r.put("logins_ok", logins.ok());
        if (logins.ok() < k) {
            d.closeAll(logins.list());
            return r.put("error", "only " + logins.ok() + " of " + k + " watchers logged in: " + logins.firstError());
        }
        Connection[] watchers = new Connection[k];
        for (int i = 0; i < k; i++) {
            watchers[i] = logins.connections().get(i);
        }
        Approver approver = new Approver();
        Connection target = null;
        try {
            target = d.loginOne(home, o.target, approver);
            subscribe(r, fanout, watchers, target, approver);
            Histogram all = new Histogram(3_600_000_000L, 3);
            List<Double> lasts = new ArrayList<>();
            int missedTotal = 0;
            int missedMax = 0;
            int early = 0;
            int offlineMissed = 0;
            long duplicates = 0;
            Cpu c0 = cpu();
            for (int round = 0; round < o.rounds; round++) {
                fanout.resetUnavailable();
                d.closeAll(List.of(target));
                target = null;
                waitFor(() -> fanout.missingUnavailable() == 0, deadline(OFFLINE_WAIT_SECONDS));
                offlineMissed += fanout.missingUnavailable();
                fanout.resetAvailable();
                target = d.loginOne(home, o.target, approver);
                long t0 = target.readyNanos;
                waitFor(() -> fanout.availableCount.get() >= k, deadline(o.maxSeconds));
                // a moment for duplicates, so that they are counted
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                Fanout.Round res = fanout.round(t0);
                all.add(res.latencyMicros());
                double lastMs = res.lastMicros() < 0 ? -1 : res.lastMicros() / 1000.0;
                lasts.add(lastMs);
                missedTotal += res.missed();
                missedMax = Math.max(missedMax, res.missed());
                early += res.early();
                duplicates += fanout.duplicates.sum();
                System.err.printf("[bench] presence round %d: %d of %d watchers in %.1f ms (p50 %.1f ms, p99 %.1f ms), %d missed%n",
                        round + 1, res.seen(), k, lastMs, res.latencyMicros().getValueAtPercentile(50) / 1000.0,
                        res.latencyMicros().getValueAtPercentile(99) / 1000.0, res.missed());
            }
            Cpu c1 = cpu();
            List<Double> sorted = new ArrayList<>(lasts);
            sorted.sort(null);
            r.put("last_ms_median", sorted.get(sorted.size() / 2));
            r.put("last_ms_min", sorted.get(0));
            r.put("last_ms_max", sorted.get(sorted.size() - 1));
            r.put("last_ms_rounds", lasts.stream().map(Result::format).collect(java.util.stream.Collectors.joining(" ")));
            latency(r, "lat", all);
            r.put("missed", missedTotal);
            r.put("missed_max_round", missedMax);
            r.put("offline_missed", offlineMissed);
            r.put("early", early);
            r.put("duplicates", duplicates);
            r.put("other_presence", fanout.others.sum());
            r.put("missed_watchers", missedWatchers(fanout, watchers));
            r.put("capped", missedTotal > 0);
            serverAndDriver(r, c0, c1);
            perOperation(r, "server_cpu_ms_per_round", 1e3, o.rounds);
            if (r.get("servers_cpu_s") != null) {
                perOperation(r, "servers_cpu_s", "servers_cpu_ms_per_round", 1e3, o.rounds);
            }
        } catch (RuntimeException e) {
            r.put("error", "presence: " + Connection.rootCause(e));
        } finally {
            List<Connection> all = new ArrayList<>(List.of(watchers));
            if (target != null) {
                all.add(target);
            }
            d.closeAll(all);
        }
        return r;
    }

    /**
     * Brings every watcher to see the target: those that saw it already (subscribed in an earlier run)
     * are left alone; the others send {@code subscribe}, the target approves, and the request is sent again
     * to watchers still waiting after a minute, until --subscribe-seconds.
     */
    private void subscribe(Result r, Fanout fanout, Connection[] watchers, Connection target, Approver approver) {
        int k = watchers.length;
        long start = System.nanoTime();
        // watchers subscribed earlier see the target's presence as soon as it is online: let it arrive
        int before = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < SETTLE_NANOS && fanout.everAvailableCount.get() < k) {
            int now = fanout.everAvailableCount.get();
            if (now != before) {
                before = now;
                quietSince = System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        r.put("watchers_subscribed_before", fanout.everAvailableCount.get());
        String to = Xml.escape(target.bareJid());
        String request = "<presence xmlns='jabber:client' to='" + to + "' type='subscribe'/>";
        // Requests go out paced (--approve-rate per second), so that the servers do not handle many first
        // subscriptions to the same foreign user at once (ours then fails some: see bench/README.md);
        // a request answered with an error is sent again, and every request still open after a minute.
        java.util.ArrayDeque<Integer> toSend = new java.util.ArrayDeque<>();
        for (int i = 0; i < k; i++) {
            if (!fanout.everSawTarget(i)) {
                toSend.add(i);
            }
        }
        long[] sentAt = new long[k];
        int requested = 0;
        long deadline = deadline(o.subscribeSeconds);
        long interval = (long) (1e9 / o.approveRate);
        long nextRequest = System.nanoTime();
        long nextApproval = System.nanoTime();
        long lastSweep = System.nanoTime();
        while (fanout.everAvailableCount.get() < k && System.nanoTime() - deadline < 0) {
            long now = System.nanoTime();
            boolean idle = true;
            if (now - lastSweep > TimeUnit.MILLISECONDS.toNanos(250)) {
                lastSweep = now;
                for (int i = 0; i < k; i++) {
                    boolean error = fanout.takeError(i);
                    boolean stale = sentAt[i] != 0 && now - sentAt[i] > RESUBSCRIBE_NANOS;
                    if ((error || stale) && !fanout.everSawTarget(i)) {
                        sentAt[i] = 0;
                        toSend.add(i);
                    }
                }
            }
            if (!toSend.isEmpty() && now - nextRequest >= 0) {
                int i = toSend.poll();
                if (!fanout.everSawTarget(i) && sentAt[i] == 0) {
                    watchers[i].sendStanza(request);
                    sentAt[i] = now;
                    requested++;
                    nextRequest = now + interval;
                }
                idle = false;
            }
            if (now - nextApproval >= 0) {
                String who = approver.pending.poll();
                if (who != null) {
                    target.sendStanza("<presence xmlns='jabber:client' to='" + Xml.escape(who) + "' type='subscribed'/>");
                    approver.approved.increment();
                    nextApproval = now + interval;
                    idle = false;
                }
            }
            if (idle) {
                LockSupport.parkNanos(Math.min(interval, TimeUnit.MILLISECONDS.toNanos(5)));
            }
        }
        r.put("subscribe_requests", requested);
        r.put("subscribe_approvals", approver.approved.sum());
        r.put("subscribed_answers", fanout.subscribedCount.get());
        r.put("subscribe_refusals", fanout.refusals.sum());
        r.put("subscribe_errors", fanout.errors.sum());
        r.put("watchers_subscribed", fanout.everAvailableCount.get());
        r.put("subscribe_s", Driver.seconds(start));
        if (fanout.everAvailableCount.get() < k) {
            System.err.printf("[bench] presence: only %d of %d watchers see the target after %.0f s of subscribing%n",
                    fanout.everAvailableCount.get(), k, Driver.seconds(start));
        }
    }

    /** The first ten watchers that never saw the target, as JIDs (null when none). */
    private static String missedWatchers(Fanout fanout, Connection[] watchers) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < watchers.length && l.size() < 10; i++) {
            if (!fanout.everSawTarget(i)) {
                l.add(watchers[i].bareJid());
            }
        }
        return l.isEmpty() ? null : String.join(" ", l);
    }

    /** The target's side of subscriptions: collects the requests it receives (approved by {@link #subscribe}). */
    private static final class Approver implements Connection.StanzaSink {
        final java.util.concurrent.ConcurrentLinkedQueue<String> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final LongAdder approved = new LongAdder();

        @Override
        public void onStanza(Connection receiver, String frame, long nowNanos) {
            if ("presence".equals(Xml.rootLocalName(frame)) && "subscribe".equals(Xml.rootAttribute(frame, "type"))) {
                String from = Jids.bare(Xml.rootAttribute(frame, "from"));
                if (from != null) {
                    pending.add(from);
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private Result base(String scenario) {
        Result r = new Result()
                .put("scenario", scenario)
                .put("server", o.label)
                .put("url", o.url.toString())
                .put("domain", o.domain);
        if (o.variant != null) {
            r.put("variant", o.variant);
        }
        return r.put("time", Instant.now().toString())
                .put("users", o.users);
    }

    private void register(Result r, int count) {
        register(r, o.userOffset, count, i -> o.endpoints().get(0));
    }

    private void register(Result r, int from, int count, java.util.function.IntFunction<Options.Endpoint> where) {
        if (!o.register) {
            return;
        }
        Driver.Registrations reg = d.register(from, count, where);
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

    /** CPU of the servers (for the pids given), of the driver and of the machine at one moment. */
    private record Cpu(ProcessStats.Sample[] servers, ProcessStats.Sample driver, double machine) {
    }

    private Cpu cpu() {
        long[][] pids = o.serverNodes();
        ProcessStats.Sample[] s = new ProcessStats.Sample[pids.length];
        for (int i = 0; i < pids.length; i++) {
            s[i] = ProcessStats.sample(pids[i]);
        }
        return new Cpu(s, ProcessStats.self(), ProcessStats.machineBusySeconds());
    }

    /** Result keys of the servers' CPU and RSS: the first server, the peer, the second peer. */
    private static final String[] SERVER_KEYS = {"server", "peer", "peer2"};

    /**
     * Server CPU and RSS (also of the peers whose pid was given: peer_cpu_s, peer2_cpu_s, and their sum
     * servers_cpu_s), driver CPU, and the CPU that other processes of the machine used meanwhile
     * ({@code other_cpu_s}: well above zero means the numbers were disturbed).
     */
    private void serverAndDriver(Result r, Cpu a, Cpu b) {
        long[] pids = o.serverPids();
        double servers = 0;
        int measured = 0;
        boolean first = false;
        for (int i = 0; i < pids.length; i++) {
            boolean ok = a.servers()[i].cpuSeconds() >= 0 && b.servers()[i].cpuSeconds() >= 0;
            if (i > 0 && pids[i] <= 0) {
                continue;
            }
            double cpu = b.servers()[i].cpuSeconds() - a.servers()[i].cpuSeconds();
            r.put(SERVER_KEYS[i] + "_pid", pids[i] > 0 ? pids[i] : null);
            r.put(SERVER_KEYS[i] + "_cpu_s", ok ? cpu : null);
            r.put(SERVER_KEYS[i] + "_rss_mb", b.servers()[i].rssMb());
            if (i == 0) {
                r.put("server_heap", ProcessStats.jvmHeapInfo(o.serverPid));
                first = ok;
            }
            if (ok) {
                servers += cpu;
                measured++;
            }
        }
        if (measured > 1 || measured == 1 && !first) {
            r.put("servers_cpu_s", servers);
        }
        double driver = b.driver().cpuSeconds() - a.driver().cpuSeconds();
        r.put("driver_cpu_s", driver);
        if (a.machine() >= 0 && b.machine() >= 0) {
            r.put("machine_cpu_s", b.machine() - a.machine());
            r.put("other_cpu_s", first ? Math.max(0, b.machine() - a.machine() - driver - servers) : null);
        }
    }

    /** Server CPU per operation, in the unit given by {@code scale} (1e6: microseconds). */
    private static void perOperation(Result r, String key, double scale, long operations) {
        perOperation(r, "server_cpu_s", key, scale, operations);
    }

    private static void perOperation(Result r, String cpuKey, String key, double scale, long operations) {
        Object cpu = r.get(cpuKey);
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
