package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.platform.Incidents;
import org.universalim.routing.control.NodeWire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * What another node of this ISP asks of this one (see {@link NodeWire}): the calls of a batch are done in
 * their order, each after the one before has settled.
 */
@ApplicationScoped
public class NodeInbound {

    @Inject
    NodeDispatch dispatch;

    @Inject
    OfflineStorage offline;

    @Inject
    ClientNotifier notifier;

    @Inject
    SessionRegistry sessions;

    @Inject
    Event<PeerWorkQueued> peerWork;

    @Inject
    ClusterView cluster;

    @Inject
    Logger log;

    /** Does a batch; completes with the answers as JSON. Throws IllegalArgumentException for a batch that is not one. */
    public CompletionStage<String> handle(String json) {
        NodeWire.Batch batch = NodeWire.readBatch(json);
        CompletionStage<List<SendResult>> chain = CompletableFuture.completedFuture(new ArrayList<>(batch.calls().size()));
        for (NodeWire.Call call : batch.calls()) {
            chain = chain.thenCompose(results -> one(call).handle((result, failure) -> {
                if (failure != null) {
                    Incidents.fault(log, "a call from another node (" + call.op() + ") failed", failure);
                }
                results.add(failure == null ? result : null);
                return results;
            }));
        }
        return chain.thenApply(results -> NodeWire.write(new NodeWire.Answers(results)));
    }

    private CompletionStage<SendResult> one(NodeWire.Call call) {
        if (call == null || call.op() == null) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            switch (call.op()) {
                case NodeWire.DISPATCH -> {
                    if (call.messageId() == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return dispatch.dispatchHere(call.messageId(), new HashSet<>(call.failed() == null ? List.of() : call.failed()));
                }
                case NodeWire.PUSH -> {
                    Delivery delivery = call.delivery() == null ? null : call.delivery().content();
                    if (delivery != null) {
                        notifier.pushHere(call.usersOrNone(), delivery);
                    }
                }
                case NodeWire.CLOSE -> {
                    for (String user : call.usersOrNone()) {
                        for (ClientSession s : sessions.sessionsOf(user)) {
                            if (call.device() == null || call.device().equals(s.device())) {
                                s.close(call.reason() == null ? "logged off" : call.reason());
                            }
                        }
                    }
                }
                case NodeWire.STORED -> offline.deliverStoredHere(call.usersOrNone());
                case NodeWire.OUTBOX -> {
                    if (call.peer() != null) {
                        peerWork.fire(new PeerWorkQueued(call.peer()));
                    }
                }
                case NodeWire.JOINED -> cluster.joined(call.node() == null ? "?" : call.node());
                default -> log.fine(() -> "another node asked for an unknown operation: " + call.op());
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
