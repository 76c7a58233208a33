package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.routing.entity.ImMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions catching up with storage: a session takes new messages only once the messages stored for it before have
 * been offered to it, so that what was stored first is shown first. A session is catching up from its log-on until
 * its stored messages were offered ({@link StoredDelivery}), and again whenever another offer of stored messages is
 * asked for it (its device became available, a message was stored while it was connected); a new message for it
 * meanwhile waits here and is written right after the stored ones, or before a stored one it was accepted before: a
 * message handed to the session while it waits may be older than one stored meanwhile (the session's device was shown
 * online through a session on a node that was dying, then logged off when that node was declared dead; issue 14).
 */
@ApplicationScoped
public class CatchingUp {

    private static final Logger LOG = Logger.getLogger(CatchingUp.class.getName());

    /** The sessions that take new messages at once, each with the lock that orders its writes. */
    private final ConcurrentHashMap<String, Line> lines = new ConcurrentHashMap<>();

    private static final class Line {
        boolean caughtUp;
        boolean offeredOnce;
        boolean ready;
        boolean closed;
        final List<Waiting> waiting = new ArrayList<>();
    }

    /** A new message waiting for the session's stored ones, and its write. */
    private record Waiting(ImMessage message, Runnable write) {
    }

    /** A session was registered: it is catching up until its stored messages were offered. */
    void opened(ClientSession session) {
        lines.putIfAbsent(session.id(), new Line());
    }

    /** What became of a write: done now, refused now by the session, waiting for the stored messages, or no session. */
    enum Write { DONE, REFUSED, WAITING, NO_SESSION }

    /**
     * Writes a new message to the session now ({@code now} says whether the session took it), or, if the session is
     * catching up, keeps {@code later} to run right after its stored messages (before those stored after it).
     */
    Write writeOrWait(ClientSession session, ImMessage message, java.util.function.BooleanSupplier now, Runnable later) {
        Line line = lines.get(session.id());
        if (line == null) {
            return Write.NO_SESSION;
        }
        synchronized (line) {
            if (line.closed) {
                return Write.NO_SESSION;
            }
            if (!line.caughtUp) {
                line.waiting.add(new Waiting(message, later));
                return Write.WAITING;
            }
            return now.getAsBoolean() ? Write.DONE : Write.REFUSED;
        }
    }

    /**
     * Writes a stored message to the session ({@code write} says whether the session took it), after the messages that
     * wait for the session and were accepted before it: the order of acceptance holds whichever way each came.
     */
    boolean writeStored(ClientSession session, ImMessage stored, java.util.function.BooleanSupplier write) {
        Line line = lines.get(session.id());
        if (line == null) {
            return write.getAsBoolean();
        }
        synchronized (line) {
            if (!line.closed && !line.waiting.isEmpty()) {
                List<Waiting> older = line.waiting.stream().filter(w -> w.message().comesBefore(stored)).toList();
                line.waiting.removeAll(older);
                run(session, older);
            }
            return write.getAsBoolean();
        }
    }

    private static void run(ClientSession session, List<Waiting> writes) {
        for (Waiting w : writes) {
            try {
                w.write().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a message waiting for " + session.id() + " was not written", e);
            }
        }
    }

    /** An offer of stored messages is asked for the session: new messages wait until it is done. */
    void catchUp(ClientSession session) {
        Line line = lines.get(session.id());
        if (line == null) {
            return;
        }
        synchronized (line) {
            line.caughtUp = false;
        }
    }

    /** Whether the session takes new messages at once. */
    public boolean caughtUp(ClientSession session) {
        Line line = lines.get(session.id());
        if (line == null) {
            return false;
        }
        synchronized (line) {
            return line.caughtUp;
        }
    }

    /** The stored messages were offered: what waited is written, in order, and new messages go at once. */
    void caughtUpNow(ClientSession session) {
        Line line = lines.get(session.id());
        if (line == null) {
            return;
        }
        synchronized (line) {
            if (line.closed) {
                return;
            }
            line.caughtUp = true;
            line.offeredOnce = true;
            // taken off first: a later offer (the device became available again) must not write them twice
            List<Waiting> waited = new ArrayList<>(line.waiting);
            line.waiting.clear();
            run(session, waited);
        }
    }

    /**
     * The session's protocol asks for its stored messages (its log-on is done, the acknowledgements it gave with it
     * are written): from now on other offers are made to it too.
     */
    void ready(ClientSession session) {
        Line line = lines.get(session.id());
        if (line != null) {
            synchronized (line) {
                line.ready = true;
            }
        }
    }

    /** Whether the session's protocol asked for its stored messages (before, offers wait for that one). */
    boolean isReady(ClientSession session) {
        Line line = lines.get(session.id());
        if (line == null) {
            return false;
        }
        synchronized (line) {
            return line.ready;
        }
    }

    /** Whether the session was offered its stored messages once already (it is past its log-on). */
    boolean offeredBefore(ClientSession session) {
        Line line = lines.get(session.id());
        if (line == null) {
            return false;
        }
        synchronized (line) {
            return line.offeredOnce;
        }
    }

    /** The session ended: what waited is dropped (its messages are in flight and go to the next device). */
    void closed(ClientSession session) {
        Line line = lines.remove(session.id());
        if (line != null) {
            synchronized (line) {
                line.closed = true;
                line.waiting.clear();
            }
        }
    }
}
