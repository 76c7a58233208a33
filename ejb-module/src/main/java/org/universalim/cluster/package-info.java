/**
 * The nodes of one ISP (<b>R12</b>), membership and lease only: each node registers and beats its heartbeat
 * in the shared database, one node holds the lease on the work done once per ISP, and that node declares a
 * silent node dead and reports it as {@code NodeLeft} (as Openfire's {@code ClusterEventListener}). It
 * knows no domain: routing observes the report (and carries the node channel), presence and federation ask
 * who holds the lease.
 */
package org.universalim.cluster;
