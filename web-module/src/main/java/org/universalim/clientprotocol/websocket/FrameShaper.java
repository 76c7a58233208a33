package org.universalim.clientprotocol.websocket;

import org.universalim.clientprotocol.connection.RateLimiter;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rate of one WebSocket connection, applied by slowing the client down rather than refusing what it sent (issue 14),
 * as ejabberd's shapers and Prosody's mod_limits do by reading a socket later. The WebSocket API cannot stop reading a
 * socket, and no container thread may wait on a client, so a frame over the rate waits in a bounded {@link FrameBacklog}
 * and is handled when the rate gives a token back, by a task the {@link Timer} runs then (no thread sleeps).
 *
 * <p>Frames are handled one at a time and in the order the client sent them: a frame within the rate with nothing
 * waiting is handled at once on the caller's (the container's) thread; any other goes behind those that wait, new
 * frames included. When the backlog is full the client sent far more than the rate for long: {@code overflow} runs once
 * (the door ends the connection with a policy violation, as ejabberd does when a session's queue passes
 * {@code max_fsm_queue}), and nothing more is handled.
 */
public final class FrameShaper {

    /** Runs a task once, a delay from now, on a thread that may handle a frame (a managed one). */
    public interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    private static final Logger LOG = Logger.getLogger(FrameShaper.class.getName());

    private final RateLimiter rate;
    private final FrameBacklog backlog;
    private final LongSupplier clock;
    private final Timer timer;
    private final Consumer<String> handler;
    private final Runnable overflow;
    /** A thread handles frames now: what comes meanwhile waits behind. */
    private boolean busy;
    /** The timer will take up the backlog. */
    private boolean scheduled;
    private boolean ended;

    /**
     * @param handler  handles one frame (never two at a time)
     * @param overflow what to do, once, when the backlog is full
     */
    public FrameShaper(RateLimiter rate, FrameBacklog backlog, LongSupplier clock, Timer timer, Consumer<String> handler,
                       Runnable overflow) {
        this.rate = rate;
        this.backlog = backlog;
        this.clock = clock;
        this.timer = timer;
        this.handler = handler;
        this.overflow = overflow;
    }

    /** A whole frame from the client. */
    public void received(String frame) {
        synchronized (this) {
            if (ended) {
                return;
            }
            boolean waits = busy || scheduled || !backlog.isEmpty();
            long now = clock.getAsLong();
            if (!waits && rate.tryAcquire(now)) {
                busy = true;
            } else if (backlog.offer(frame)) {
                if (!waits) {
                    schedule(rate.nanosUntilToken(now));
                }
                return;
            } else {
                ended = true;
                backlog.clear();
                frame = null;
            }
        }
        if (frame == null) {
            overflowed(); // outside the lock: ending the connection may wait for the frame being handled
            return;
        }
        handleThenDrain(frame);
    }

    /** The connection is over: what waits is dropped, and nothing more is handled. */
    public synchronized void end() {
        ended = true;
        backlog.clear();
    }

    /** Frames waiting (for the tests and the logs). */
    public synchronized int waiting() {
        return backlog.size();
    }

    private void overflowed() {
        LOG.info("a client sent more over its rate than may wait: its connection ends (policy violation)");
        try {
            overflow.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ending a connection over its backlog failed", e);
        }
    }

    /** The timer's task: the rate gave a token back. */
    private void resume() {
        synchronized (this) {
            scheduled = false;
            if (ended || busy) {
                return;
            }
            busy = true;
        }
        handleThenDrain(null);
    }

    /** Handles {@code first} (if any), then what waits as long as the rate allows; leaves the rest to the timer. */
    private void handleThenDrain(String first) {
        String next = first;
        while (true) {
            if (next != null) {
                handle(next);
            }
            synchronized (this) {
                if (ended || backlog.isEmpty()) {
                    busy = false;
                    return;
                }
                long now = clock.getAsLong();
                if (!rate.tryAcquire(now)) {
                    busy = false;
                    schedule(rate.nanosUntilToken(now));
                    return;
                }
                next = backlog.poll();
            }
        }
    }

    private void handle(String frame) {
        try {
            handler.accept(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a client frame failed", e);
        }
    }

    /** Called holding the lock. */
    private void schedule(long delayNanos) {
        scheduled = true;
        try {
            timer.schedule(this::resume, delayNanos);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "the server stops: frames over the rate are dropped", e);
            ended = true;
            scheduled = false;
            backlog.clear();
        }
    }
}
