package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.AccountLocked;

import java.util.List;
import java.util.logging.Logger;

/**
 * Ends sessions once what requires it is committed: every session of a user whose account was disabled
 * or whose password was reset, on every node; and the session another node still holds of a device that
 * logged on here (or bound its XMPP resource here).
 */
@ApplicationScoped
public class ForcedLogOff {

    @Inject
    SessionRegistry sessions;

    @Inject
    Logger log;

    @Inject
    ClusterView cluster;

    @EJB
    SessionRoutes routes;

    @Inject
    NodeChannel nodes;

    @Inject
    IspSettings isp;

    @EJB
    SessionLifecycle lifecycle;

    void accountLocked(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountLocked locked) {
        // a user who changed their own password keeps the session they did it from
        var open = sessions.sessionsOf(locked.userName()).stream()
                .filter(s -> !s.id().equals(locked.keepSession())).toList();
        open.forEach(s -> s.close(locked.reason()));
        if (!open.isEmpty()) {
            log.info(() -> "logged off " + open.size() + " session(s) of " + locked.userName() + ": " + locked.reason());
        }
        if (cluster.hasOtherNodes()) {
            routes.usersElsewhere(List.of(locked.userName()), isp.nodeName()).keySet()
                    .forEach(node -> nodes.close(node, locked.userName(), null, locked.reason()));
        }
    }

    void deviceMoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceMoved moved) {
        closeThere(moved.nodes(), moved.userName(), moved.device());
    }

    /**
     * A device is taking up a session here before it logs on (an XMPP resource bound anew): the other nodes that still
     * hold a session of it close theirs now (a node that died closes nothing: its sessions end when it is declared dead).
     */
    public void closeElsewhere(ClientSession session) {
        if (cluster.hasOtherNodes()) {
            closeThere(lifecycle.nodesAlsoHolding(session.userName(), session.device()), session.userName(), session.device());
        }
    }

    private void closeThere(List<String> others, String userName, String device) {
        for (String node : others) {
            nodes.close(node, userName, device, "this device logged in again on another node");
        }
    }
}
