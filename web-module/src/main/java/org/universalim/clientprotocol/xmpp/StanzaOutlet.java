package org.universalim.clientprotocol.xmpp;

/**
 * The one way out for the stanzas of a connection ({@code <message/>}, {@code <presence/>}, {@code <iq/>});
 * stream-level elements (features, SASL, stream errors) go to the transport directly. This is where stream
 * management (XEP-0198) will count the stanzas sent, keep them until the client acknowledges them, and
 * resend them on a resumed stream. Today a stanza counts as handled once it has been written.
 */
final class StanzaOutlet {

    private final XmppTransport transport;

    StanzaOutlet(XmppTransport transport) {
        this.transport = transport;
    }

    /**
     * Queues a stanza.
     *
     * @param handled run once the stanza is handled by the client (today: written to the connection); may be {@code null}
     * @return false when the transport did not take it (closing, or its queue is full)
     */
    boolean send(String stanza, Runnable handled) {
        return transport.send(stanza, handled);
    }
}
