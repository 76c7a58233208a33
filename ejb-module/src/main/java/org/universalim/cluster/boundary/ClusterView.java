package org.universalim.cluster.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.cluster.control.ViewState;

import java.util.logging.Logger;

/**
 * Whether other nodes of this ISP are alive, as {@link ClusterMembership} last saw it or another node last announced
 * (it joined: it started, or came back after it was declared dead). Read on every message, so one volatile field
 * rather than a call into the membership bean; the rule is {@link ViewState}.
 */
@ApplicationScoped
public class ClusterView {

    private static final Logger LOG = Logger.getLogger(ClusterView.class.getName());

    private volatile ViewState state = ViewState.FIRST;

    /** True while another node of this ISP is alive. */
    public boolean hasOtherNodes() {
        return !state.alone();
    }

    /** The view now: whether alone, and its number, read together. */
    public ViewState now() {
        return state;
    }

    /**
     * Another node of this ISP announced that it joined (it started, or found it was declared dead and is back in the
     * node table) before it takes clients: this node counts itself not alone from now on, and trusts nothing it kept in
     * memory while alone.
     */
    public synchronized void joined(String node) {
        ViewState was = state;
        state = was.announced();
        LOG.fine(() -> "node " + node + " announced that it joined" + (was.alone() ? ": this node is no longer alone" : ""));
    }

    /** What a heartbeat found ({@link ViewState#heartbeat}). */
    synchronized void heartbeat(boolean aloneInTable, long numberAtRead) {
        state = state.heartbeat(aloneInTable, numberAtRead);
    }
}
