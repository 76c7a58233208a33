package org.universalim.routing.boundary;

/** The client protocols (R10): the Local IM server's own, and the universal one. */
public enum Protocol {
    /** JSON over WebSocket at {@code /ws/local}: the ISP's proprietary protocol. */
    LOCAL,
    /** XMPP over WebSocket (RFC 7395) at {@code /xmpp-websocket}: the universal protocol. */
    XMPP
}
