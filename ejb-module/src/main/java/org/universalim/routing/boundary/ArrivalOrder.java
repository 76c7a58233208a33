package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.routing.control.MessageStore;

import java.util.concurrent.atomic.AtomicLong;

/** The arrival number of each message this node accepts (sent here, or from another ISP): one sequence, in memory. */
@ApplicationScoped
public class ArrivalOrder {

    @EJB
    MessageStore store;

    private final AtomicLong sequence = new AtomicLong(-1);

    /** The next arrival number, after the highest in the database the first time. */
    public long next() {
        if (sequence.get() < 0) {
            synchronized (sequence) {
                if (sequence.get() < 0) {
                    sequence.set(store.maxSequence());
                }
            }
        }
        return sequence.incrementAndGet();
    }
}
