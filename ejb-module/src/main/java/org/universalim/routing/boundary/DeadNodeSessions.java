package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.NodeLeft;

import java.util.logging.Logger;

/**
 * What a dead node of this ISP held (R12), forgotten when the cluster reports it ({@link NodeLeft}): its
 * devices log off unless connected again elsewhere, the messages it was delivering are stored, and those
 * users' stored messages are offered at once where they are still connected.
 */
@ApplicationScoped
public class DeadNodeSessions {

    @EJB
    SessionLifecycle lifecycle;

    @Inject
    OfflineStorage offline;

    @Inject
    Logger log;

    void nodeLeft(@Observes NodeLeft left) {
        SessionLifecycle.Forgotten forgotten = lifecycle.forgetNode(left.node());
        log.warning(() -> "node " + left.node() + " is dead: its " + forgotten.sessions() + " devices logged off, "
                + forgotten.messages() + " messages it was delivering stored");
        if (forgotten.messages() > 0) {
            // those users may be connected on other nodes too: they get the messages there now
            offline.redeliverStored(forgotten.users());
        }
    }
}
