package org.universalim.profile.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A request about a profile that is refused; nothing was changed. The reason says which (each protocol words it
 * its own way: XEP-0060 errors over XMPP, a status over the federation).
 */
@ApplicationException(rollback = true)
public class ProfileRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** No such user (here, or at their ISP). */
        NO_USER,
        /** No such node, or no such item. */
        NO_NODE,
        /** The owner does not let the requester see their presence (presence access model, cards). */
        NOT_AUTHORIZED,
        /** The node is for its owner only (whitelist access model). */
        CLOSED,
        /** Only the owner may do that. */
        NOT_OWNER,
        /** The node exists with another configuration than the publish options ask for. */
        PRECONDITION,
        /** A configuration value that cannot be had. */
        INVALID_OPTIONS,
        /** A node with that name exists already. */
        EXISTS,
        /** The payload is larger than allowed. */
        TOO_BIG,
        /** The payload is not one element, or nests too deep. */
        INVALID_PAYLOAD,
        /** The user has as many nodes as allowed. */
        MAX_NODES,
        /** The user's items add up to as much as allowed. */
        QUOTA,
        /** The user's ISP does not offer profiles to other ISPs (or is no peer). */
        UNAVAILABLE,
        /** The user's ISP did not answer. */
        UNREACHABLE
    }

    private final Reason reason;

    public ProfileRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
