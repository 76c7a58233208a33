package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.DeclaredDead;

import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node was declared dead by the other nodes of its ISP while it was only slow (R12, {@link DeclaredDead}): for
 * them its devices are logged off, its rows in the table of users to nodes gone, and the messages it was delivering
 * stored. Its client sessions, still open, no longer match: messages for those users would be stored, watchers shown
 * them offline. Every session open here ends with the close that tells a client to log on again; each end goes the
 * usual way (what it had not acknowledged goes to the next device or storage, where the stored copy is not offered
 * twice; its device logs off unless it logged on again meanwhile), and the log-ons that follow, here or on another
 * node, write the tables right again.
 *
 * <p>The sessions end only once the other nodes were told that this node is back ({@link NodeArrival}): a node that
 * declared this one dead counts itself alone until then, and would plan for a user who logs on again here from what it
 * knew before (offline). A session that logs on here before they were told is among those that end (it is registered
 * before its log-on is written), so every log-on that stays is seen by nodes that no longer count themselves alone.
 */
@ApplicationScoped
public class DeclaredDeadSessions {

    /** What a client is told; nothing internal. */
    static final String REASON = "the server restarts this session: connect again";

    @Inject
    SessionRegistry sessions;

    @EJB
    NodeArrival arrival;

    @Inject
    Logger log;

    // the container's executor: the sessions end off the heartbeat's thread, once the other nodes answered
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    void declaredDead(@Observes DeclaredDead dead) {
        arrival.announce().whenCompleteAsync((told, failure) -> endSessions(dead), executor);
    }

    private void endSessions(DeclaredDead dead) {
        var open = sessions.all();
        for (ClientSession session : open) {
            try {
                session.closeToReconnect(REASON);
            } catch (RuntimeException e) {
                log.log(Level.FINE, "session " + session.id() + " not closed", e);
            }
        }
        log.warning(() -> "node " + dead.node() + " was declared dead by another node of the ISP (no heartbeat from "
                + dead.lastHeartbeat() + " until " + dead.noticedAt() + "): it ended its " + open.size()
                + " client sessions (Local protocol 1012, XMPP system-shutdown) so that they log on again, and is back in the node table");
    }
}
