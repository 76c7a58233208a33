package org.universalim.federation.control;

/**
 * A call to a peer that did not get a usable answer. {@link #permanent()} failures (the peer refused the
 * request: forbidden, invalid, unknown) are not retried; the others (no connection, time-out, server
 * error) are.
 */
public class PeerFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final String code;

    public PeerFailure(boolean permanent, String code, String message) {
        super(message, null, false, false);
        this.permanent = permanent;
        this.code = code;
    }

    public boolean permanent() {
        return permanent;
    }

    public String code() {
        return code;
    }
}
