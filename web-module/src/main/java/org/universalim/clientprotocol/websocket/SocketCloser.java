package org.universalim.clientprotocol.websocket;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.universalim.clientprotocol.connection.BoundedExecutor;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes client WebSockets and cleans up after them off the caller's thread, a few at a time.
 *
 * <p>Why: on Open Liberty, {@code Session.close()} called from any thread but the connection's read thread
 * cancels the outstanding read and waits (up to 8.5 s, or sleeps up to 3 s for the read thread) for that, then
 * waits (up to 5.5 s) for a pending write, and those completions run as tasks on the same Default Executor as
 * the caller. Many closes at once on executor threads (a burst of clients leaving, every silent connection
 * reaching its log-in deadline together) would occupy every thread with a wait for work queued behind them,
 * and the whole server would stop answering. Through this closer at most {@value #CONCURRENCY} threads are ever
 * in a close. The clean-up after a closed session (presence, delivery, the node's session table) is bounded the
 * same way, so that a burst of clients leaving takes a few threads and not the server's whole CPU.
 */
@ApplicationScoped
public class SocketCloser {

    /** Closes running at the same time. */
    static final int CONCURRENCY = 2;
    /** Clean-ups running at the same time: they are database work, and one at a time leaves the database to others. */
    static final int CLEAN_UPS = 1;

    private static final Logger LOG = Logger.getLogger(SocketCloser.class.getName());

    @Resource
    ManagedExecutorService executor;

    private final BoundedExecutor closes;
    private final BoundedExecutor cleanUps;

    public SocketCloser() {
        closes = new BoundedExecutor(CONCURRENCY, () -> executor);
        cleanUps = new BoundedExecutor(CLEAN_UPS, () -> executor);
    }

    /** A closer on a given executor, for plain tests. */
    SocketCloser(Executor plain) {
        closes = new BoundedExecutor(CONCURRENCY, () -> plain);
        cleanUps = new BoundedExecutor(CLEAN_UPS, () -> plain);
    }

    /**
     * Closes the socket with a WebSocket close frame of {@code code} and {@code reason} (cut to what a close frame
     * holds), soon, on another thread. Closing a closed socket does nothing.
     */
    public void close(Session socket, CloseReason.CloseCode code, String reason) {
        CloseReason why = new CloseReason(code, truncate(reason));
        closes.execute(() -> closeNow(socket, why));
    }

    /** Runs the clean-up after a closed session, soon, on another thread. */
    public void cleanUp(Runnable cleanUp) {
        cleanUps.execute(cleanUp);
    }

    private static void closeNow(Session socket, CloseReason why) {
        try {
            if (socket.isOpen()) {
                socket.close(why);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a client socket failed", e);
        }
    }

    /** A close frame's reason has at most 123 bytes of UTF-8. */
    static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        String cut = reason;
        while (FrameAssembler.utf8Length(cut) > 123) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut;
    }
}
