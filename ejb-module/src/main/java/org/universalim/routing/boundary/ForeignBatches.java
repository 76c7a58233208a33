package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.routing.control.RoutingCounters;
import org.universalim.routing.entity.ImMessage;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages from users of other ISPs, stored by the federation in batches: each goes to its recipient's
 * devices ({@link DeviceFallback}), one after another, and the batches of one peer one after another, so
 * they keep the order the peer sent them in; their senders' ISPs hear what became of them.
 */
@ApplicationScoped
public class ForeignBatches {

    @Inject
    DeviceFallback fallback;

    @Inject
    Receipts receipts;

    @Inject
    RoutingCounters counters;

    @Inject
    Logger log;

    // the container's executor (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    /** The tail of each peer's chain of incoming batches. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    /** Messages from users of other ISPs were stored by the federation: handed on after the batches before them. */
    void arrived(@Observes(during = TransactionPhase.AFTER_SUCCESS) ForeignMessagesArrived arrived) {
        if (arrived.messages().isEmpty()) {
            return;
        }
        // batches from one peer are handed on one after another, so their messages keep the peer's order
        String origin = UserId.parse(arrived.messages().get(0).sender()).domain();
        chains.compute(origin, (peer, chain) -> (chain == null ? CompletableFuture.<Void>completedFuture(null) : chain)
                .thenComposeAsync(done -> dispatch(arrived.messages()), executor)
                .exceptionally(failure -> null));
    }

    /** Hands messages from users of other ISPs to the recipients' devices, one after another, in order. */
    public CompletionStage<Void> dispatch(List<ImMessage> messages) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (ImMessage m : messages) {
            chain = chain.thenCompose(previous -> {
                counters.routed();
                CompletionStage<SendResult> outcome;
                try {
                    outcome = fallback.dispatch(m, new HashSet<>());
                } catch (RuntimeException e) {
                    outcome = CompletableFuture.failedFuture(e);
                }
                return outcome.handle((result, failure) -> {
                    if (failure != null) {
                        log.log(Level.WARNING, "message " + m.id() + " from " + m.sender() + " not dispatched", failure);
                    } else {
                        receipts.outcome(m, result);
                    }
                    return null;
                });
            });
        }
        return chain;
    }
}
