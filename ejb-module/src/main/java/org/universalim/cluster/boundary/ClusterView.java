package org.universalim.cluster.boundary;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether other nodes of this ISP are alive, as {@link ClusterMembership} last saw it: read on every
 * message, so a plain field rather than a call into the membership bean.
 */
@ApplicationScoped
public class ClusterView {

    private volatile boolean alone = true;

    /** True while another node of this ISP is alive. */
    public boolean hasOtherNodes() {
        return !alone;
    }

    void alone(boolean alone) {
        this.alone = alone;
    }
}
