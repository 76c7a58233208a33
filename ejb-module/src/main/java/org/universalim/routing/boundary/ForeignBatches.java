package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.RoutingCounters;
import org.universalim.routing.entity.ImMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages from users of other ISPs, stored by the federation in batches: each goes to its recipient's devices
 * ({@link DeviceFallback}) once its batch is committed, in the order the peer sent them. One batch of a peer is stored at
 * a time on this node ({@link #admit}) and takes its place in its peer's line while it holds the peer, so the batches
 * are handed on in the order they were committed even when two of them raced (a peer's retry of a call it gave up on
 * while the first was still being written); the senders' ISPs hear what became of each message by its receipts.
 */
@ApplicationScoped
public class ForeignBatches {

    @Inject
    DeviceFallback fallback;

    @Inject
    RoutingCounters counters;

    @Inject
    Logger log;

    @Resource
    TransactionSynchronizationRegistry transactions;

    // the container's executor (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    /** The tail of each peer's line of incoming batches. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> lines = new ConcurrentHashMap<>();

    /** How long a batch waits for the peer's batch before it (then it goes on unordered, and says so). */
    static final long ADMISSION_SECONDS = 60;

    /** One permit per peer: held from the start of a batch's transaction until it has ended. */
    private final ConcurrentHashMap<String, Semaphore> admissions = new ConcurrentHashMap<>();

    /**
     * A batch of messages from {@code peer} is about to be stored in the caller's transaction: it waits for the peer's
     * batch being stored, if any, and holds the peer until its own transaction has ended.
     */
    public void admit(String peer) {
        Semaphore permit = admissions.computeIfAbsent(peer, p -> new Semaphore(1));
        boolean held;
        try {
            held = permit.tryAcquire(ADMISSION_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held = false;
        }
        if (!held) {
            log.warning(() -> "a batch of messages from " + peer + " waited " + ADMISSION_SECONDS
                    + " s for the one before it; it goes on without it");
            return;
        }
        afterCompletion(committed -> permit.release());
    }

    /**
     * Messages from users of other ISPs are being stored by the federation (in its transaction, which holds their
     * peer): they take their place in the peer's line now and are handed on once (and if) that transaction commits.
     */
    void arriving(@Observes ForeignMessagesArrived arrived) {
        if (arrived.messages().isEmpty()) {
            return;
        }
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        afterCompletion(committed::complete);
        lines.compute(arrived.peer(), (peer, line) -> (line == null ? CompletableFuture.<Void>completedFuture(null) : line)
                .thenCombine(committed, (previous, ok) -> ok)
                .thenAcceptAsync(ok -> {
                    if (ok) {
                        dispatch(arrived.messages());
                    }
                }, executor)
                .exceptionally(failure -> {
                    log.log(Level.WARNING, "messages from " + peer + " not handed on", failure);
                    return null;
                }));
    }

    /** Runs {@code action} with whether the current transaction committed once it has ended (at once without one). */
    private void afterCompletion(java.util.function.Consumer<Boolean> action) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            action.accept(true);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    /**
     * Hands messages from users of other ISPs to the recipients' devices in order: each recipient's decisions are
     * taken in this order ({@link RecipientLanes}); what becomes of each is told to its sender's ISP by receipts.
     */
    public void dispatch(List<ImMessage> messages) {
        for (ImMessage m : messages) {
            counters.routed();
            try {
                fallback.dispatch(m, DeviceFallback.none(), null, CompletableFuture.completedFuture(null), true)
                        .whenComplete((result, failure) -> {
                            if (failure != null && !MessageJournal.isDuplicate(failure)) {
                                log.log(Level.WARNING, "message " + m.id() + " from " + m.sender() + " not dispatched", failure);
                            }
                        });
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "message " + m.id() + " from " + m.sender() + " not dispatched", e);
            }
        }
    }
}
