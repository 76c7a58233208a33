package org.universalim.routing.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.routing.control.MessageJournal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-recipient order on this node: where a message to a local user goes is decided in the order the messages came
 * (the sender's order of acceptance), and a decision whose outcome is still open holds the user's next decisions
 * until it is settled: a message being written to storage (the next one must not overtake it on a device that logs on
 * meanwhile), one handed to another node (the next one must not overtake it if that node fails it over), stored
 * messages being offered to a device. Without a hold a decision runs at once on the caller's thread, with no lock
 * and no hand-off; held decisions wait in order and run on the container's executor.
 */
@ApplicationScoped
public class RecipientLanes {

    @Inject
    Logger log;

    // the container's executor (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    // the container's scheduler, for the sweep of holds that never settled (none in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    ScheduledExecutorService scheduler;

    private volatile ScheduledFuture<?> sweep;

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * Decides for a message to {@code user}: now if nothing of the user's is held, else after what is held (and
     * what waits before it). The callers call this in the order the user's messages came.
     */
    public <T> CompletionStage<T> decide(String user, Supplier<CompletionStage<T>> decision) {
        while (true) {
            Lane lane = lanes.get(user);
            if (lane == null) {
                return run(decision);
            }
            synchronized (lane) {
                if (lane.gone) {
                    continue;
                }
                if (lane.idle()) {
                    return run(decision);
                }
                CompletableFuture<T> outcome = new CompletableFuture<>();
                lane.waiting.add(() -> run(decision).whenComplete((result, failure) -> {
                    if (failure != null) {
                        outcome.completeExceptionally(failure);
                    } else {
                        outcome.complete(result);
                    }
                }));
                return outcome;
            }
        }
    }

    /**
     * Holds the user's next decisions until {@code until} completes (however it completes), or, should it never
     * complete, for at most {@link #MAX_HOLD_SECONDS} (then it is released and logged with {@code what}).
     */
    public void hold(String user, CompletionStage<?> until, String what) {
        Hold hold = new Hold(what, System.nanoTime());
        Lane lane;
        while (true) {
            lane = lanes.computeIfAbsent(user, u -> new Lane());
            synchronized (lane) {
                if (!lane.gone) {
                    lane.holds++;
                    lane.open.add(hold);
                    break;
                }
            }
        }
        Lane held = lane;
        startSweep();
        until.whenComplete((done, failure) -> release(user, held, hold));
    }

    /** Holds the user's next decisions until {@code until} completes. */
    public void hold(String user, CompletionStage<?> until) {
        hold(user, until, "a decision");
    }

    /** The longest a hold lasts: a decision that never settles (a fault) must not stop its user's messages for good. */
    static final long MAX_HOLD_SECONDS = 120;

    private void startSweep() {
        if (sweep == null && scheduler != null) {
            synchronized (lanes) {
                if (sweep == null) {
                    sweep = scheduler.scheduleWithFixedDelay(this::releaseOverdue, 10, 10, TimeUnit.SECONDS);
                }
            }
        }
    }

    void releaseOverdue() {
        long now = System.nanoTime();
        lanes.forEach((user, lane) -> {
            List<Hold> overdue;
            synchronized (lane) {
                overdue = lane.open.stream().filter(h -> now - h.since() > TimeUnit.SECONDS.toNanos(MAX_HOLD_SECONDS)).toList();
            }
            for (Hold h : overdue) {
                log.warning(() -> "the messages of " + user + " waited " + MAX_HOLD_SECONDS + " s for " + h.what() + "; they go on");
                release(user, lane, h);
            }
        });
    }

    @PreDestroy
    void stopSweep() {
        ScheduledFuture<?> s = sweep;
        if (s != null) {
            s.cancel(false);
        }
    }

    /** Whether a decision for the user would wait now (for tests and metrics). */
    public boolean held(String user) {
        Lane lane = lanes.get(user);
        if (lane == null) {
            return false;
        }
        synchronized (lane) {
            return !lane.idle();
        }
    }

    private void release(String user, Lane lane, Hold hold) {
        synchronized (lane) {
            if (!lane.open.remove(hold)) {
                return; // released already (overdue)
            }
            lane.holds--;
            if (lane.holds > 0 || lane.draining) {
                return;
            }
            if (lane.waiting.isEmpty()) {
                lane.gone = true;
                lanes.remove(user, lane);
                return;
            }
            lane.draining = true;
        }
        try {
            executor.execute(() -> drain(user, lane));
        } catch (RejectedExecutionException stopping) {
            // the server is stopping: its executors refuse work from the quiesce on (JournalDrain). The decisions
            // waiting here are of messages written already, which the restart stores and offers (NodeStartup), as
            // after a crash.
            synchronized (lane) {
                lane.draining = false;
            }
            log.fine(() -> "server stopping: the waiting deliveries to " + user + " are left to the restart");
        }
    }

    /** Runs the waiting decisions in order, until one of them holds the user again. */
    private void drain(String user, Lane lane) {
        while (true) {
            Runnable next;
            synchronized (lane) {
                if (lane.holds > 0) {
                    lane.draining = false; // the release of that hold goes on
                    return;
                }
                next = lane.waiting.poll();
                if (next == null) {
                    lane.draining = false;
                    lane.gone = true;
                    lanes.remove(user, lane);
                    return;
                }
            }
            next.run();
        }
    }

    private <T> CompletionStage<T> run(Supplier<CompletionStage<T>> decision) {
        try {
            return decision.get();
        } catch (RuntimeException e) {
            if (MessageJournal.isStopping(e)) {
                log.log(Level.FINE, "a delivery decision met the stop", e);
            } else {
                log.log(Level.WARNING, "a delivery decision failed", e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    /** What a lane is held for, since when ({@link System#nanoTime}); each hold is its own object. */
    private static final class Hold {
        private final String what;
        private final long since;

        Hold(String what, long since) {
            this.what = what;
            this.since = since;
        }

        String what() {
            return what;
        }

        long since() {
            return since;
        }
    }

    /** One user's held and waiting decisions. */
    private static final class Lane {
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private final List<Hold> open = new ArrayList<>();
        private int holds;
        private boolean draining;
        private boolean gone;

        boolean idle() {
            return holds == 0 && !draining && waiting.isEmpty();
        }
    }
}
