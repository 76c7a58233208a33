package org.universalim.clientprotocol.websocket;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The characters that the {@link FrameBacklog}s of all WebSocket connections of the server may hold together. Each
 * connection's own bound keeps one client from holding much; this one keeps many clients (a few thousand connections
 * of accounts an attacker registered) from holding the heap together. Thread-safe.
 */
public final class BacklogBudget {

    private final long maxChars;
    private final AtomicLong used = new AtomicLong();

    /** @param maxChars characters all backlogs may hold together; 0 or less: no bound but each connection's own */
    public BacklogBudget(long maxChars) {
        this.maxChars = maxChars;
    }

    /** Takes {@code chars} from the budget; false, and nothing taken, when that would pass it. */
    public boolean take(long chars) {
        if (maxChars <= 0) {
            used.addAndGet(chars);
            return true;
        }
        long now;
        do {
            now = used.get();
            if (now + chars > maxChars) {
                return false;
            }
        } while (!used.compareAndSet(now, now + chars));
        return true;
    }

    /** Gives back what {@link #take} took, once the frames left their backlog. */
    public void give(long chars) {
        used.addAndGet(-chars);
    }

    /** Characters held in all backlogs now. */
    public long used() {
        return used.get();
    }
}
