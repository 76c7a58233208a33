package org.universalim.routing.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.routing.boundary.FederationPort;
import org.universalim.routing.entity.ImMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes messages and their status changes with group commit: one writer thread takes whatever queues
 * up within 2 ms of a batch's first operation (up to {@value #MAX_BATCH} operations) and commits it in one
 * transaction, so delivery does not pay a database transaction per message. A future completes when its operation is durable; the
 * sender is only told "accepted" or "stored" then.
 *
 * <p>The futures of a batch are completed on a second thread, batch after batch in commit order, while the writer
 * goes on with the next batch: what depends on them (writing a message to the recipient's connection, copies,
 * receipts, the sender's answer) took a tenth of the writer's time, and the writer is what bounds the rate of
 * messages.
 *
 * <p>At a graceful stop the journal is drained while the EJBs it writes through still run ({@link JournalDrain}): every
 * operation taken is written and its future completed; only then does it refuse new ones ({@link Stopping}).
 */
@ApplicationScoped
public class MessageJournal {

    static final int MAX_BATCH = 500;
    /** How long the writer gathers operations after the first one of a batch. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    @EJB
    MessageStore store;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Logger log;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Batches written, in commit order, whose futures are still to be completed. */
    private final BlockingQueue<Runnable> written = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile Thread completer;
    private volatile boolean running = true;
    /** False once drained for the stop: new operations are refused. */
    private volatile boolean accepting = true;
    /** Operations taken whose futures are not completed yet. */
    private final AtomicInteger outstanding = new AtomicInteger();

    private record Pending(MessageStore.Operation operation, CompletableFuture<Void> done) {
    }

    public CompletableFuture<Void> insert(ImMessage message) {
        return submit(new MessageStore.Operation.Insert(message));
    }

    /**
     * Stores a message for another ISP and queues it for the peer in one transaction (with whatever else
     * the batch holds); {@code handOver} says whether the peer's queue took it.
     */
    public CompletableFuture<Void> forward(ImMessage message, java.util.function.Predicate<ImMessage> handOver) {
        return submit(new MessageStore.Operation.Forward(message, handOver));
    }

    public CompletableFuture<Void> mark(String messageId, ImMessage.Status status, String device, Instant at) {
        return submit(new MessageStore.Operation.Mark(messageId, status, device, at));
    }

    /**
     * A status change of a message the caller holds: dropped (the future fails with {@link DuplicateMessage}) when
     * that object is a resend that found its first send; {@code receipt}, for a sender of another ISP, is queued for
     * that ISP in the same transaction.
     */
    public CompletableFuture<Void> mark(ImMessage message, ImMessage.Status status, String device, Instant at,
                                        FederationPort.Receipt receipt) {
        return submit(new MessageStore.Operation.Mark(message.id(), status, device, at, message, receipt));
    }

    /**
     * A device of {@code user} acknowledged these messages and the acknowledgement found no message in memory: those
     * still waiting for a device and addressed to the user are written as delivered (a sender of another ISP is told,
     * naming the recipient as {@code shownRecipient} shows it); completes with them.
     */
    public CompletableFuture<List<ImMessage>> acknowledged(String user, String device, List<String> ids, Instant at,
                                                           java.util.function.Function<ImMessage, String> shownRecipient) {
        MessageStore.Operation.Acknowledged op = new MessageStore.Operation.Acknowledged(user, device, List.copyOf(ids), at,
                new java.util.concurrent.CopyOnWriteArrayList<>(), shownRecipient);
        return submit(op).thenApply(done -> List.copyOf(op.found()));
    }

    /** A message is about to be written to a resumable XMPP stream at this position (XEP-0198). */
    public CompletableFuture<Void> given(org.universalim.routing.entity.StreamPosition position) {
        return submit(new MessageStore.Operation.Given(position));
    }

    /** Forgets these messages' positions in a stream; {@code messageIds} null: every position of the stream. */
    public CompletableFuture<Void> forgetPositions(String streamId, List<String> messageIds) {
        return submit(new MessageStore.Operation.Forget(streamId, messageIds == null ? null : List.copyOf(messageIds)));
    }

    /**
     * The future of a write fails with this when the message was there already (a resend with the client id of a
     * message that is stored), or when the change was about such a resend: nothing was written for it.
     */
    public static final class DuplicateMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DuplicateMessage() {
            super("the message is there already", null, false, false);
        }
    }

    /** Whether a failure is (or wraps) {@link DuplicateMessage}. */
    public static boolean isDuplicate(Throwable failure) {
        return causedBy(failure, t -> t instanceof DuplicateMessage);
    }

    private static boolean causedBy(Throwable failure, java.util.function.Predicate<Throwable> cause) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (cause.test(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The future of a write fails with this once the server is stopping and the journal drained: nothing was written.
     * The client is told that the server is shutting down (a resend with the same client id after the restart is safe).
     */
    public static final class Stopping extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Stopping() {
            super("the server is shutting down", null, false, false);
        }
    }

    /**
     * Whether a failure is (or wraps) the server stopping: {@link Stopping}, or a task the container's managed executors
     * refused ({@link RejectedExecutionException}): Open Liberty shuts them down as soon as a stop
     * begins (server quiesce), before the application itself stops; or a call of an EJB the stop has stopped already
     * ({@link jakarta.ejb.NoSuchEJBException}: our beans are stateless or singletons, which only a stop removes).
     */
    public static boolean isStopping(Throwable failure) {
        return causedBy(failure, t -> t instanceof Stopping || t instanceof RejectedExecutionException
                || t instanceof jakarta.ejb.NoSuchEJBException);
    }

    private CompletableFuture<Void> submit(MessageStore.Operation operation) {
        if (!accepting) {
            return CompletableFuture.failedFuture(new Stopping());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        outstanding.incrementAndGet();
        queue.add(new Pending(operation, done));
        startWriter();
        return done;
    }

    /**
     * Writes every operation taken (and those their completions add) before the EJBs it writes through stop, waiting at
     * most {@code within}; then refuses new ones ({@link Stopping}). Answers how many were still to write when the stop
     * began and how many are left (0 unless the time ran out).
     */
    public Drained drain(Duration within) {
        int before = outstanding.get();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (outstanding.get() > 0 && writer != null && writer.isAlive() && System.nanoTime() - deadline < 0) {
                // a stop waits for the writer: polled, as the futures complete on the journal's own threads
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        accepting = false;
        return new Drained(before, outstanding.get());
    }

    /** What {@link #drain} found: operations to write when the stop began, and left unwritten when it ended. */
    public record Drained(int atStop, int left) {
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread c = threads.newThread(this::completeLoop);
                    c.setName("message-journal-done");
                    c.setDaemon(true);
                    c.start();
                    completer = c;
                    Thread t = threads.newThread(this::writeLoop);
                    t.setName("message-journal");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // A short window lets a message's insert and its delivery (which follows within a millisecond
                // when the recipient is connected) meet in one batch: one row written, no update after.
                long windowEnd = System.nanoTime() + WINDOW_NANOS;
                while (batch.size() < MAX_BATCH) {
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                    long left = windowEnd - System.nanoTime();
                    if (left <= 0 || batch.size() >= MAX_BATCH) {
                        break;
                    }
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void completeLoop() {
        while (running || writer != null && writer.isAlive() || !written.isEmpty()) {
            try {
                Runnable next = written.poll(500, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "message journal: completing a batch failed", e);
            }
        }
    }

    private void write(List<Pending> batch) {
        if (!accepting) {
            // drained for the stop and the time ran out: the EJBs are stopping, so nothing more is written
            for (Pending p : batch) {
                written.add(() -> completed(p, new Stopping()));
            }
            return;
        }
        try {
            Set<MessageStore.Operation> duplicates = store.apply(batch.stream().map(Pending::operation).toList());
            List<Pending> done = List.copyOf(batch);
            written.add(() -> complete(done, duplicates));
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                log.log(Level.WARNING, "message journal: an operation failed", batchFailed);
                Pending failed = batch.get(0);
                written.add(() -> completed(failed, batchFailed));
                return;
            }
            // isolate the operation that fails; the others are written one by one
            for (Pending p : batch) {
                try {
                    Set<MessageStore.Operation> duplicates = store.apply(List.of(p.operation()));
                    written.add(() -> complete(List.of(p), duplicates));
                } catch (RuntimeException e) {
                    log.log(Level.WARNING, "message journal: an operation failed", e);
                    written.add(() -> completed(p, e));
                }
            }
        }
    }

    private void complete(List<Pending> batch, Set<MessageStore.Operation> duplicates) {
        for (Pending p : batch) {
            completed(p, duplicates.contains(p.operation()) ? new DuplicateMessage() : null);
        }
    }

    private void completed(Pending p, Throwable failure) {
        try {
            if (failure == null) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(failure);
            }
        } finally {
            outstanding.decrementAndGet();
        }
    }

    /** Operations waiting to be written (for metrics). */
    public int backlog() {
        return queue.size();
    }

    @PreDestroy
    void stop() {
        running = false;
        for (Thread t : new Thread[] {writer, completer}) {
            if (t != null) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
