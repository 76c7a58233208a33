package org.universalim.routing.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.cluster.boundary.ClusterMembership;
import org.universalim.platform.IspSettings;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node joins the other nodes of its ISP (R12): when it starts, and when it finds it was declared dead and is back in
 * the node table ({@link DeclaredDeadSessions}), it tells every other live node over the node channel (the call
 * {@code joined}) before it takes clients. A node that counted itself alone then counts itself not alone at once
 * ({@code ClusterView}) rather than at its next heartbeat: it no longer plans from what it kept in memory while alone, and
 * offers what it stores on the other nodes too, so a user who logs on here is not planned as offline there. A node that
 * does not answer within the call time-out is not waited for longer: it sees this node's row at its next heartbeat.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClusterMembership", "NodeStartup"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeArrival {

    @EJB
    ClusterMembership membership;

    @Inject
    NodeChannel channel;

    @Inject
    IspSettings isp;

    @Inject
    @ConfigProperty(name = "federation.call.timeout.ms", defaultValue = "10000")
    long callTimeoutMillis;

    @Inject
    Logger log;

    /** At start-up, before the node takes clients. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void started() {
        try {
            announce().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.log(Level.WARNING, "node " + isp.nodeName() + " could not tell the other nodes that it started", e);
        }
    }

    /**
     * Tells the other live nodes (as of this node's last heartbeat) that this node joined; completes once each answered,
     * or after the call time-out, never exceptionally.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CompletableFuture<Void> announce() {
        Set<String> others = membership.otherLiveNodes();
        if (others.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> told = others.stream().map(node -> channel.joined(node, isp.nodeName())
                .orTimeout(callTimeoutMillis, TimeUnit.MILLISECONDS).handle((answered, failure) -> {
                    if (failure != null) {
                        log.info(() -> "node " + node + " did not answer in time that node " + isp.nodeName()
                                + " joined; it sees this node at its next heartbeat (" + failure + ")");
                    }
                    return (Void) null;
                })).toList();
        return CompletableFuture.allOf(told.toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> log.fine(() -> "node " + isp.nodeName() + " told " + others + " that it joined"));
    }
}
