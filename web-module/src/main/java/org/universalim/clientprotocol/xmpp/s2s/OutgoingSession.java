package org.universalim.clientprotocol.xmpp.s2s;

import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Our connection to one remote domain, while it is set up and while it runs (Openfire's OutgoingSessionPromise): what is
 * sent before the connection is ready waits here, at most {@value #MAX_WAITING} batches and no longer than the set-up
 * deadline; then it is written in order, or failed back to its senders with {@code remote-server-not-found} (the domain
 * has no reachable server) or {@code remote-server-timeout} (the set-up took too long).
 */
final class OutgoingSession {

    /** Batches that may wait for the connection. */
    static final int MAX_WAITING = 1_000;
    private static final Logger LOG = Logger.getLogger(OutgoingSession.class.getName());

    /** Why stanzas were not sent. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean permanent;
        private final String condition;

        Failure(boolean permanent, String condition, String text) {
            super(text, null, false, false);
            this.permanent = permanent;
            this.condition = condition;
        }

        boolean permanent() {
            return permanent;
        }

        /** {@code remote-server-not-found}, {@code remote-server-timeout} or {@code resource-constraint}. */
        String condition() {
            return condition;
        }
    }

    private record Waiting(List<String> stanzas, CompletableFuture<Void> written) {
    }

    private final String domain;
    private final List<Waiting> waiting = new ArrayList<>();
    /** The stream that carries our stanzas: our connection, or the remote server's when it asked for XEP-0288. */
    private S2sChannel ready;
    private Channel channel;
    private Failure closed;

    OutgoingSession(String domain) {
        this.domain = domain;
    }

    String domain() {
        return domain;
    }

    synchronized boolean isClosed() {
        return closed != null;
    }

    /** Sends stanzas in order; the future completes when they are written to the remote server's connection. */
    CompletableFuture<Void> submit(List<String> stanzas) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        S2sChannel now;
        synchronized (this) {
            if (closed != null) {
                written.completeExceptionally(closed);
                return written;
            }
            now = ready;
            if (now == null) {
                if (waiting.size() >= MAX_WAITING) {
                    written.completeExceptionally(new Failure(false, "resource-constraint", "too many stanzas wait for " + domain));
                } else {
                    waiting.add(new Waiting(List.copyOf(stanzas), written));
                }
                return written;
            }
        }
        now.send(stanzas, written, domain);
        return written;
    }

    synchronized void connecting(Channel c) {
        channel = c;
    }

    /** The connection is authenticated: what waited goes first, in order. */
    void ready(S2sChannel connection) {
        List<Waiting> flush;
        synchronized (this) {
            if (closed != null) {
                return;
            }
            ready = connection;
            flush = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Waiting w : flush) {
            connection.send(w.stanzas(), w.written(), domain);
        }
        LOG.log(Level.INFO, "s2s: connected to {0}", domain);
    }

    /** The connection failed or ended: what waits fails back, and the next stanza opens a new one. */
    void failed(Failure why) {
        List<Waiting> fail;
        synchronized (this) {
            if (closed != null) {
                return;
            }
            closed = why;
            fail = new ArrayList<>(waiting);
            waiting.clear();
        }
        fail.forEach(w -> w.written().completeExceptionally(why));
        LOG.log(Level.FINE, "s2s: connection to {0} over: {1}", new Object[]{domain, why.getMessage()});
    }

    /** The set-up deadline passed: unless the connection is ready, what waits fails back and the attempt ends. */
    void deadline(Failure why) {
        Channel c;
        synchronized (this) {
            if (ready != null || closed != null) {
                return;
            }
            c = channel;
        }
        failed(why);
        if (c != null) {
            c.close();
        }
    }

    /** Ends the connection (the server stops). */
    void close() {
        Channel c;
        S2sChannel r;
        synchronized (this) {
            c = channel;
            r = ready;
        }
        failed(new Failure(false, "remote-server-timeout", "the server is stopping"));
        if (r != null) {
            c.eventLoop().execute(r::shutdown);
        } else if (c != null) {
            c.close();
        }
    }
}
