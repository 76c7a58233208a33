package org.universalim.clientprotocol.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One WebSocket session's outbound frames, written one asynchronous write at a time: the next frame is
 * sent from the completion callback of the previous one (a second pending async write fails on Liberty
 * and would lose the frame). Bounded: a client that does not read gets its frames refused, and the
 * caller closes it.
 *
 * <p>While the connection's read thread handles a client's frame ({@link #hold()} ... {@link #release}), frames
 * are queued but not written; they are written from a task once the frame is handled. The reason is Open
 * Liberty's close handshake: when the read thread, after our frame, finds the client's close frame (a client
 * that says goodbye and closes at once), it waits without a time-out for any write still pending, and that
 * write completes on another thread of the same executor. A burst of such clients occupied every executor
 * thread with that wait and froze the server. Written after the read, the answer is not pending when the
 * close frame is read; the connection is closed and the answer dropped, as the client wanted.
 */
public final class OutboundQueue implements SendHandler {

    private record Frame(String text, Runnable written) {
    }

    private final RemoteEndpoint.Async remote;
    private final int capacity;
    private final Consumer<Throwable> onFailure;
    private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean held;
    private volatile Frame current;
    private volatile Runnable activity = () -> { };

    /**
     * @param onFailure called once when a write fails (the connection is gone)
     */
    public OutboundQueue(RemoteEndpoint.Async remote, int capacity, Consumer<Throwable> onFailure) {
        this.remote = remote;
        this.capacity = capacity;
        this.onFailure = onFailure;
    }

    /** Queues a frame; false when closed or full. */
    public boolean offer(String text) {
        return offer(text, null);
    }

    /**
     * Queues a frame with an action to run once it has been written to the connection.
     *
     * @return false when the queue is closed or full; the frame is not queued then
     */
    public boolean offer(String text, Runnable written) {
        if (closed) {
            return false;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        frames.add(new Frame(text, written));
        pump();
        return true;
    }

    /**
     * Runs {@code action} once every frame queued before it has been written (at once when none is).
     *
     * @return false when the queue is closed; the action is not run then
     */
    public boolean afterQueued(Runnable action) {
        if (closed) {
            return false;
        }
        size.incrementAndGet();
        frames.add(new Frame(null, action));
        pump();
        return true;
    }

    /** Told after every frame written (the connection is active). */
    public void onActivity(Runnable listener) {
        this.activity = listener;
    }

    /** The read thread handles a client's frame: what is queued meanwhile waits for {@link #release}. */
    public void hold() {
        held = true;
    }

    /** The frame is handled: frames queued meanwhile are written, starting from a task on {@code executor}. */
    public void release(Executor executor) {
        held = false;
        if (!closed && !frames.isEmpty()) {
            try {
                executor.execute(this::pump);
            } catch (RejectedExecutionException shuttingDown) {
                pump();
            }
        }
    }

    private void pump() {
        while (!closed && !held && writing.compareAndSet(false, true)) {
            Frame next = held ? null : frames.poll();
            if (next == null) {
                writing.set(false);
                if (frames.isEmpty() || held) {
                    return;
                }
                continue; // a frame arrived between poll and release
            }
            size.decrementAndGet();
            if (next.text() == null) {
                // a mark: what was queued before it is written
                writing.set(false);
                try {
                    next.written().run();
                } catch (RuntimeException ignored) {
                    // a failing action must not stop the queue
                }
                continue;
            }
            current = next;
            try {
                remote.sendText(next.text(), this);
            } catch (RuntimeException e) {
                fail(e);
            }
            return;
        }
    }

    @Override
    public void onResult(SendResult result) {
        Frame done = current;
        current = null;
        if (!result.isOK()) {
            fail(result.getException());
            return;
        }
        activity.run();
        if (done != null && done.written() != null) {
            try {
                done.written().run();
            } catch (RuntimeException ignored) {
                // a failing callback must not stop the queue
            }
        }
        writing.set(false);
        pump();
    }

    private void fail(Throwable cause) {
        if (!closed) {
            closed = true;
            frames.clear();
            onFailure.accept(cause);
        }
    }

    /** Refuses further frames; frames already queued are dropped. */
    public void close() {
        closed = true;
        frames.clear();
    }

    public int pending() {
        return size.get();
    }
}
