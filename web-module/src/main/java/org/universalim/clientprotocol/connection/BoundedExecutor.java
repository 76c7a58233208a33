package org.universalim.clientprotocol.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks on another executor, at most {@code concurrency} at a time, in the order given; the others wait in
 * an unbounded queue. For work that a burst of clients can cause all at once (closing sockets, cleaning up after
 * them): however many come, they take only a few of the server's threads, and the rest stay free for everyone
 * else.
 */
public final class BoundedExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(BoundedExecutor.class.getName());

    private final int concurrency;
    private final Supplier<Executor> delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param delegate where the tasks run, looked up on each use (a container-injected executor may be set late)
     */
    public BoundedExecutor(int concurrency, Supplier<Executor> delegate) {
        this.concurrency = concurrency;
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        drain();
    }

    private void drain() {
        while (!tasks.isEmpty()) {
            int now = running.get();
            if (now >= concurrency) {
                return; // a running worker takes it
            }
            if (running.compareAndSet(now, now + 1)) {
                try {
                    delegate.get().execute(this::work);
                } catch (RejectedExecutionException stopping) {
                    // the container's executors refuse work once the server stops (Open Liberty: at the start of its
                    // quiesce, when it also closes the client sockets): no fault, and nothing here is kept over a stop
                    running.decrementAndGet();
                    LOG.log(Level.FINE, "work not scheduled: the server is stopping ({0} waiting)", tasks.size());
                } catch (RuntimeException e) {
                    running.decrementAndGet();
                    LOG.log(Level.WARNING, "cannot schedule work", e);
                }
                return;
            }
        }
    }

    private void work() {
        try {
            Runnable next;
            while ((next = tasks.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a task failed", e);
                }
            }
        } finally {
            running.decrementAndGet();
            drain(); // a task queued while this worker was finishing
        }
    }

    /** Tasks waiting. */
    public int waiting() {
        return tasks.size();
    }
}
