package org.universalim.clientprotocol.xmpp;

/**
 * Where a client's stream is in its negotiation (RFC 6120 sections 4 to 7): waiting for the client's stream
 * header, authenticating (SASL, or in-band registration), waiting for the restart after SASL success,
 * authenticated (a resource to bind), and bound: stanzas flow.
 */
public enum StreamStage {
    AWAITING_OPEN, AUTHENTICATING, AWAITING_RESTART, AUTHENTICATED, BOUND
}
