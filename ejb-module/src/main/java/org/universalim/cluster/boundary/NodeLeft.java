package org.universalim.cluster.boundary;

import java.time.Instant;

/**
 * A node of this ISP stopped beating its heart and was declared dead by the node doing the ISP-wide work
 * (R12). Fired synchronously before the node leaves the node table; the domains that kept something on that
 * node observe it (routing logs off its devices and stores what it was delivering), as Openfire's
 * {@code ClusterEventListener.leftCluster(nodeID)}: the cluster reports, it knows nothing of the domains.
 *
 * @param node          the dead node's name
 * @param lastHeartbeat when it was last heard of
 */
public record NodeLeft(String node, Instant lastHeartbeat) {
}
