package org.universalim.clientprotocol.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One WebSocket session's outbound frames, written one asynchronous write at a time: the next frame is
 * sent from the completion callback of the previous one (a second pending async write fails on Liberty
 * and would lose the frame). Bounded: a client that does not read gets its frames refused, and the
 * caller closes it.
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
    private volatile Frame current;

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

    private void pump() {
        while (!closed && writing.compareAndSet(false, true)) {
            Frame next = frames.poll();
            if (next == null) {
                writing.set(false);
                if (frames.isEmpty()) {
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
