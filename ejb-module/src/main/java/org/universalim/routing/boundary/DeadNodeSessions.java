package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.NodeLeft;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a dead node of this ISP held (R12), forgotten when the cluster reports it ({@link NodeLeft}): its
 * devices log off unless connected again elsewhere, the messages it was delivering are stored, and those
 * users' stored messages are offered at once where they are still connected, once that is committed.
 */
@ApplicationScoped
public class DeadNodeSessions {

    /** How far before a dead node's last heartbeat the messages it stored are offered again. */
    static final Duration STORED_LOOKBACK = Duration.ofMinutes(1);

    @EJB
    SessionLifecycle lifecycle;

    @Inject
    OfflineStorage offline;

    @Inject
    Logger log;

    @Inject
    Event<Forgotten> forgottenNow;

    // the container's executor
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    /** The users whose stored messages are offered again once what a dead node held is stored (committed). */
    record Forgotten(Set<String> users) {
    }

    void nodeLeft(@Observes NodeLeft left) {
        // the messages it stored in its last minute: the calls telling the other nodes may have died with it
        Instant since = left.lastHeartbeat() == null ? null : left.lastHeartbeat().minus(STORED_LOOKBACK);
        SessionLifecycle.Forgotten forgotten = lifecycle.forgetNode(left.node(), since);
        log.warning(() -> "node " + left.node() + " is dead: its " + forgotten.sessions() + " devices logged off, "
                + forgotten.messages() + " messages it was delivering stored");
        if (!forgotten.users().isEmpty()) {
            forgottenNow.fire(new Forgotten(forgotten.users()));
        }
    }

    /**
     * Those users (and the recipients of what it took or stored) may be connected on this node or others: they get
     * their stored messages there now. Only once the transaction that stored them has committed: an offer made before
     * would read them as they were (not stored) and offer nothing, and the device would take newer messages first.
     */
    void offerAgain(@Observes(during = TransactionPhase.AFTER_SUCCESS) Forgotten forgotten) {
        // off the completing transaction's thread: the offer elsewhere reads the node table in a transaction of its own
        executor.execute(() -> {
            try {
                offline.redeliverStored(forgotten.users());
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "stored messages of a dead node's users not offered again at once", e);
            }
        });
    }
}
