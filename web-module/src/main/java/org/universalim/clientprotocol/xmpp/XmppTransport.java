package org.universalim.clientprotocol.xmpp;

import org.universalim.platform.security.ClientOrigin;
import org.universalim.registration.control.ChannelBinding;

import java.util.Optional;

/**
 * What the XMPP core needs from the wire under one client connection. The core builds every element the
 * same way whatever the transport; opening and closing the stream and framing are the transport's
 * business: over WebSocket (RFC 7395, {@link WebSocketTransport}) each element is one frame and the stream
 * is opened and closed with {@code <open/>} and {@code <close/>}; over TCP (RFC 6120) it would be
 * {@code <stream:stream>} and {@code </stream:stream>} around one XML stream, with STARTTLS before SASL.
 *
 * <p>Writes are queued and never block the caller. A transport tells the core what it read through the
 * {@link XmppInbound} it got from {@link XmppProtocol#connect}. A transport whose TLS the server ends itself gives
 * its channel binding (for SCRAM's -PLUS mechanisms).
 */
public interface XmppTransport {

    /**
     * Writes the server's stream header.
     *
     * @return false when it could not be queued (closing, or the queue is full)
     */
    boolean openStream(StreamHeader header);

    /**
     * Queues one top-level element (a stanza, or a stream-level element such as {@code <stream:features/>}).
     *
     * @param written run once the element has been written to the connection; may be {@code null}
     * @return false when the transport is closing or its queue is full: the element is not sent
     */
    boolean send(String element, Runnable written);

    /** Ends the stream: the transport's closing element, then the connection once that is written. */
    void closeStream(String reason);

    /** Drops the connection at once, telling the client nothing (it is broken, or does not read). */
    void abort(String reason);

    /** Whether the stream is ending: nothing more is read or sent. */
    boolean isClosing();

    /** Where the client connects from, and whether its connection is encrypted. */
    ClientOrigin origin();

    /**
     * The client logged in: the limits a transport keeps on connections not logged in (a log-in deadline, a
     * number per client address) no longer apply to this one.
     */
    default void authenticated() {
    }

    /**
     * The channel binding of the connection's TLS (RFC 5929 {@code tls-server-end-point}), when the server ends that TLS
     * itself; empty otherwise (no TLS yet, or TLS ended by a proxy or by the web container, as for WebSocket).
     */
    default Optional<ChannelBinding> channelBinding() {
        return Optional.empty();
    }
}
