package org.universalim.it.security;

import java.time.Duration;

/** A client's WebSocket carrying text frames, whatever client implements it (the JDK's, or one on a raw socket). */
interface TextSocket extends AutoCloseable {

    /** Sends a text frame. */
    void send(String text);

    /** The next text frame from the server, waiting at most {@code timeout}; fails on a close or a time-out. */
    String next(Duration timeout);

    /**
     * Leaves as a careless or hostile client does: sends {@code lastWords} (a protocol's own goodbye, or
     * {@code null}), a WebSocket close frame, and drops the TCP connection at once without waiting for the
     * server's close frame. Does not wait for the server.
     */
    void leaveRudely(String lastWords);

    /** The close code the server closed with (-1 when the connection simply ended), waiting at most {@code timeout}. */
    int awaitClose(Duration timeout);

    @Override
    void close();
}
