package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.NodeLeft;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * What a dead node of this ISP held (R12), forgotten when the cluster reports it ({@link NodeLeft}): its
 * devices log off unless connected again elsewhere, the messages it was delivering are stored, and those
 * users' stored messages are offered at once where they are still connected.
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

    void nodeLeft(@Observes NodeLeft left) {
        // the messages it stored in its last minute: the calls telling the other nodes may have died with it
        Instant since = left.lastHeartbeat() == null ? null : left.lastHeartbeat().minus(STORED_LOOKBACK);
        SessionLifecycle.Forgotten forgotten = lifecycle.forgetNode(left.node(), since);
        log.warning(() -> "node " + left.node() + " is dead: its " + forgotten.sessions() + " devices logged off, "
                + forgotten.messages() + " messages it was delivering stored");
        if (!forgotten.users().isEmpty()) {
            // those users (and the recipients of what it took or stored) may be connected on other nodes: they get
            // their stored messages there now
            offline.redeliverStored(forgotten.users());
        }
    }
}
