package org.universalim.cluster.control;

/**
 * Whether this node counts itself the only live node of its ISP, and the number of that view (R12). A pure rule, read
 * on every message (docs/cluster.md, "A node that joins or comes back"):
 *
 * <ul>
 *   <li>a heartbeat counts the live rows of the node table: alone when no other node's heartbeat is recent;</li>
 *   <li>a node that joins (it starts, or finds it was declared dead) tells the others over the node channel before it
 *       takes clients: each counts itself not alone at once, not at its next heartbeat;</li>
 *   <li>a heartbeat that began reading the node table before such an announcement came does not make the node alone
 *       again: its read may predate the row of the node that announced itself (the next heartbeat decides);</li>
 *   <li>the number changes whenever the view does, and with every announcement: what a node keeps in memory while alone
 *       (what only its own changes invalidate, such as a user's delivery facts) is trusted only while it is alone and
 *       only if read in a view of the same number or later, so nothing read before another node could change it is
 *       used after.</li>
 * </ul>
 *
 * @param alone  whether no other node of the ISP is alive, as far as this node knows
 * @param number changes with every change of the view and every announcement
 */
public record ViewState(boolean alone, long number) {

    /** Before the first heartbeat. */
    public static final ViewState FIRST = new ViewState(true, 0);

    /**
     * What a heartbeat makes of the view.
     *
     * @param aloneInTable whether the heartbeat found no other live node in the node table
     * @param numberAtRead the view's number when the heartbeat began to read the node table
     */
    public ViewState heartbeat(boolean aloneInTable, long numberAtRead) {
        if (aloneInTable && number != numberAtRead) {
            return this; // a node announced itself during the read: its row may have come after it
        }
        return aloneInTable == alone ? this : new ViewState(aloneInTable, number + 1);
    }

    /** Another node announced that it joined: it is alive now, whatever the last heartbeat read. */
    public ViewState announced() {
        return new ViewState(false, number + 1);
    }

    /**
     * Whether something this node kept in memory, read while the view had number {@code readIn}, may be used now: only
     * while alone, and only if no other node could have joined since it was read.
     */
    public boolean trusts(long readIn) {
        return alone && readIn >= number;
    }
}
