package org.universalim.routing.boundary;

/**
 * A connected client device, whatever its protocol. The routing core holds these in the
 * {@link SessionRegistry} and hands them {@link Delivery deliveries}; each protocol endpoint implements
 * it over its WebSocket session and encodes deliveries in its own format, so routing never imports the
 * WebSocket API.
 */
public interface ClientSession {

    /** Unique among all sessions of the ISP. */
    String id();

    /** The local user's name. */
    String userName();

    /** The device (XMPP resource) this session is. */
    String device();

    Protocol protocol();

    /**
     * Queues something for the client without blocking.
     *
     * @return false when it could not be queued (session closed or its queue full); the caller treats
     *         that as a failed delivery
     */
    boolean deliver(Delivery delivery);

    /**
     * Whether the client acknowledges messages itself ({@code message.ack}); when false, a message counts
     * as delivered once written to the connection.
     */
    boolean acknowledgesMessages();

    /** Closes the connection, telling the client why (e.g. another log-in of the same device). */
    void close(String reason);

    /**
     * Closes the connection in the way that tells a client to connect and log on again (this node was declared dead by
     * the others, and the database no longer knows the session): a Local protocol close 1012, an XMPP stream error
     * {@code system-shutdown}. What the session had not acknowledged goes on as at any end of a session.
     */
    default void closeToReconnect(String reason) {
        close(reason);
    }
}
