package org.universalim.clientprotocol.connection;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches every client connection of this node, at every door (the WebSockets and XMPP over TCP share one count):
 * refuses a client address more than its share of connections
 * that have not logged in ({@code ws.unauthenticated.per.address}), and ends connections that have not logged
 * in by the log-in deadline ({@code ws.login.deadline.seconds}) or have been idle too long
 * ({@code ws.idle.timeout.seconds}).
 *
 * <p>The deadlines are enforced here rather than with the container's idle time-out: the container closes a
 * timed-out session on an executor thread that waits for the cancelled read to complete on another one, so a
 * thousand connections timing out together would take every thread. Expired connections are closed through
 * the closer of their door, a few at a time.
 */
@ApplicationScoped
public class ConnectionWatch {

    /** How often the deadlines are checked. */
    static final long SWEEP_MILLIS = 500;

    private static final Logger LOG = Logger.getLogger(ConnectionWatch.class.getName());

    @Inject
    ConnectionLimits settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private AddressQuota unauthenticated;
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void init() {
        unauthenticated = new AddressQuota(settings.unauthenticatedPerAddress());
    }

    @PreDestroy
    synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Whether the address may open one more connection now (checked before the upgrade). */
    public boolean hasRoom(String address) {
        return unauthenticated.hasRoom(address);
    }

    /**
     * Starts watching a new connection from {@code address}.
     *
     * @param onExpiry ends the connection the protocol's way (must not block)
     * @return {@code null} when the address already holds its share of connections not logged in: refuse it
     */
    public Watched open(String address, Consumer<Watched.Expiry> onExpiry) {
        if (!unauthenticated.tryAcquire(address)) {
            return null;
        }
        Watched w = new Watched(address, System.nanoTime(), onExpiry, () -> unauthenticated.release(address));
        watched.add(w);
        startSweeping();
        return w;
    }

    /** The connection is gone. */
    public void closed(Watched w) {
        if (w != null) {
            watched.remove(w);
            w.closed();
        }
    }

    /** Connections watched now. */
    public int size() {
        return watched.size();
    }

    private synchronized void startSweeping() {
        if (sweep == null) {
            sweep = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void sweep() {
        long now = System.nanoTime();
        long deadline = settings.loginDeadlineNanos();
        long idle = settings.idleTimeoutNanos();
        for (Watched w : watched) {
            Watched.Expiry why = w.due(now, deadline, idle);
            if (why != null && watched.remove(w)) {
                w.closed();
                try {
                    w.expire(why);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "ending an expired client connection failed", e);
                }
            }
        }
    }
}
