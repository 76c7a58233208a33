package org.universalim.cluster.boundary;

import java.time.Instant;

/**
 * This node found, at a heartbeat, that the other nodes of its ISP had declared it dead while it was silent (a pause,
 * a starved heartbeat, a cut from the database): its row had gone from the node table. For the others, its devices
 * are logged off and what it was delivering is stored; its client sessions, still open here, no longer match that.
 * Fired synchronously once its row is written again (it takes part in the cluster again); the domains that keep
 * something per node observe it (routing ends the client sessions, so that they log on again), as Openfire's
 * {@code ClusterEventListener.leftCluster()} on the node that left. The cluster reports, it knows nothing of the
 * domains.
 *
 * @param node          this node's name
 * @param lastHeartbeat its last heartbeat before it was declared dead
 * @param noticedAt     the heartbeat that found it
 */
public record DeclaredDead(String node, Instant lastHeartbeat, Instant noticedAt) {
}
