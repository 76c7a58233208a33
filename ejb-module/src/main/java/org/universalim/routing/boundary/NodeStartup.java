package org.universalim.routing.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.universalim.platform.IspSettings;

import java.util.logging.Logger;

/**
 * At start-up, nobody is connected to this node yet: devices the node table still shows here (the node
 * stopped or crashed with sessions open) are logged off, so watchers do not see ghosts.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class NodeStartup {

    @EJB
    SessionLifecycle lifecycle;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    @Inject
    jakarta.enterprise.event.Event<DeadNodeSessions.Forgotten> forgotten;

    /** How far back the messages the last run stored are offered again where their recipients are connected. */
    static final java.time.Duration STORED_LOOKBACK = java.time.Duration.ofMinutes(10);

    @PostConstruct
    void forgetStaleSessions() {
        SessionLifecycle.Forgotten stale = lifecycle.forgetNode(isp.nodeName(), java.time.Instant.now().minus(STORED_LOOKBACK));
        if (stale.sessions() > 0 || stale.messages() > 0) {
            log.info(() -> "node " + isp.nodeName() + ": logged off " + stale.sessions() + " devices left connected by the last run; "
                    + stale.messages() + " messages it was delivering are stored for their recipients");
        }
        if (!stale.users().isEmpty()) {
            // recipients connected to other nodes get them there now (the last run may have died before telling them),
            // once this transaction has committed
            forgotten.fire(new DeadNodeSessions.Forgotten(stale.users()));
        }
    }
}
