package org.universalim.routing.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;
import org.universalim.routing.entity.ImMessage;

import java.time.Duration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages handed to devices on this node and not yet acknowledged, each until its device acknowledges it, its
 * session ends, or its acknowledgement time is over. One periodic task finds the late ones (instead of a timer per
 * message: setting and cancelling one for every message costs more than the message).
 */
@ApplicationScoped
public class InFlight {

    /** How often messages handed to devices are checked for a missing acknowledgement. */
    static final long ACK_SWEEP_MILLIS = 100;

    /**
     * A message handed to a device and not yet acknowledged by its {@code deadline} ({@link System#nanoTime}): the
     * acknowledgement time counted from the write ({@link #written}); until then (the device is catching up with its
     * stored messages) at most {@link #UNWRITTEN_MILLIS} more. {@code fromStore}: it was stored and is offered again; a
     * failure leaves it stored.
     */
    public record Flight(ImMessage message, String recipientUser, Set<String> failed, String device, String sessionId,
                         boolean fromStore, long ackTimeoutNanos, AtomicLong deadline) {

        Flight(ImMessage message, String recipientUser, Set<String> failed, String device, String sessionId,
               boolean fromStore, long ackTimeoutNanos) {
            this(message, recipientUser, failed, device, sessionId, fromStore, ackTimeoutNanos, new AtomicLong(
                    System.nanoTime() + ackTimeoutNanos + TimeUnit.MILLISECONDS.toNanos(UNWRITTEN_MILLIS)));
        }

        /** It was written to the device: the device has its acknowledgement time from now. */
        void written() {
            deadline.set(System.nanoTime() + ackTimeoutNanos);
        }
    }

    /**
     * How long a message handed to a device may wait before it is written (its session catching up with its stored
     * messages, which may wait for a dead node's to be stored) before its acknowledgement time starts anyway: longer
     * than the longest catch-up, so that no message waiting behind the stored ones is passed over (and stored, to come
     * after the newer ones that waited with it).
     */
    static final long UNWRITTEN_MILLIS = 150_000;

    @Inject
    Logger log;

    @Inject
    Caches caches;

    /** Messages acknowledged on this node lately: another path that would write one of them again does not. */
    static final String DELIVERED_CACHE = "delivered-recently";

    NamedCache<String, Boolean> delivered;

    /**
     * Messages written to a session whose acknowledgement time passed (key: session id and message id): the session
     * may still acknowledge them late, so the stored copy is not written to it again (it would show it twice).
     */
    static final String PASSED_OVER_CACHE = "passed-over-recently";

    NamedCache<String, Boolean> passedOver;

    // the container's scheduler (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    ScheduledExecutorService scheduler;

    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> sweep;
    private volatile Consumer<Flight> onLate = flight -> { };

    @PostConstruct
    void create() {
        delivered = caches.create(DELIVERED_CACHE, 200_000, Duration.ofMinutes(10));
        passedOver = caches.create(PASSED_OVER_CACHE, 200_000, Duration.ofMinutes(10));
    }

    /** Whether the message was written to this session and passed over when its acknowledgement time was over. */
    boolean wasPassedOver(String sessionId, String messageId) {
        return passedOver.peek(sessionId + " " + messageId) != null;
    }

    /** A device acknowledged the message: it is not written to any device of this node again for a while. */
    void delivered(String messageId) {
        delivered.put(messageId, Boolean.TRUE);
    }

    /** Whether a device acknowledged the message on this node lately. */
    boolean wasDelivered(String messageId) {
        return delivered.peek(messageId) != null;
    }

    /** What to do with a flight whose acknowledgement time is over (it is already removed). */
    void onLate(Consumer<Flight> action) {
        this.onLate = action;
    }

    /** Adds a flight unless the message is on its way to a device already; returns whether it was added. */
    boolean add(Flight flight) {
        if (flights.putIfAbsent(flight.message().id(), flight) != null) {
            return false;
        }
        startSweep();
        return true;
    }

    Flight get(String messageId) {
        return flights.get(messageId);
    }

    /** Removes this very flight; false when it was removed already (acknowledged, late, or its session ended). */
    boolean remove(Flight flight) {
        return flights.remove(flight.message().id(), flight);
    }

    /** Removes and returns the flights of a session. */
    List<Flight> removeAllOf(String sessionId) {
        return flights.values().stream().filter(f -> f.sessionId().equals(sessionId)).filter(this::remove).toList();
    }

    /** Whether a message is on its way to a device. */
    public boolean contains(String messageId) {
        return flights.containsKey(messageId);
    }

    public int size() {
        return flights.size();
    }

    private void startSweep() {
        if (sweep == null) {
            synchronized (flights) {
                if (sweep == null) {
                    sweep = scheduler.scheduleWithFixedDelay(this::sweepLate, ACK_SWEEP_MILLIS, ACK_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    void sweepLate() {
        long now = System.nanoTime();
        for (Flight flight : flights.values()) {
            if (now - flight.deadline().get() > 0 && remove(flight)) {
                passedOver.put(flight.sessionId() + " " + flight.message().id(), Boolean.TRUE);
                try {
                    onLate.accept(flight);
                } catch (RuntimeException e) {
                    log.log(Level.WARNING, "message " + flight.message().id() + " not handed to the next device", e);
                }
            }
        }
    }

    @PreDestroy
    void stopSweep() {
        ScheduledFuture<?> s = sweep;
        if (s != null) {
            s.cancel(false);
        }
    }
}
