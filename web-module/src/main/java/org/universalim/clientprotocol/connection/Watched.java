package org.universalim.clientprotocol.connection;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client connection as the connection watch sees it (any door): where it comes from, since when it is open, when
 * it was last active, whether it has logged in. Its deadlines are pure rules ({@link #due}); the
 * {@link ConnectionWatch} applies them.
 */
public final class Watched {

    /** Why a connection is ended by the server. */
    public enum Expiry {
        /** Not logged in within the log-in deadline after the upgrade. */
        LOGIN_DEADLINE,
        /** No frame either way for the idle time-out. */
        IDLE
    }

    private final String address;
    private final long openedNanos;
    private final Consumer<Expiry> onExpiry;
    private final Runnable releaseQuota;
    private final AtomicBoolean holdsQuota = new AtomicBoolean(true);
    private final AtomicBoolean expired = new AtomicBoolean();
    private volatile long lastActivityNanos;
    private volatile boolean authenticated;

    /**
     * @param onExpiry     ends the connection the protocol's way; called at most once, must not block
     * @param releaseQuota gives back the connection's place among its address's unauthenticated ones
     */
    Watched(String address, long nowNanos, Consumer<Expiry> onExpiry, Runnable releaseQuota) {
        this.address = address;
        this.openedNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
        this.onExpiry = onExpiry;
        this.releaseQuota = releaseQuota;
    }

    public String address() {
        return address;
    }

    /** A frame came in or went out. */
    public void active(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    /** The connection logged in: the log-in deadline no longer applies and its address gets its place back. */
    public void authenticated() {
        authenticated = true;
        giveBackQuota();
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** The connection is gone. */
    void closed() {
        giveBackQuota();
    }

    private void giveBackQuota() {
        if (holdsQuota.compareAndSet(true, false)) {
            releaseQuota.run();
        }
    }

    /**
     * What ends the connection at {@code nowNanos}, if anything: not logged in {@code loginDeadlineNanos} after
     * the upgrade, or nothing either way for {@code idleNanos} (0 or less: never).
     */
    public Expiry due(long nowNanos, long loginDeadlineNanos, long idleNanos) {
        if (!authenticated && loginDeadlineNanos > 0 && nowNanos - openedNanos >= loginDeadlineNanos) {
            return Expiry.LOGIN_DEADLINE;
        }
        if (idleNanos > 0 && nowNanos - lastActivityNanos >= idleNanos) {
            return Expiry.IDLE;
        }
        return null;
    }

    /** Ends the connection for {@code why}, once. */
    void expire(Expiry why) {
        if (expired.compareAndSet(false, true)) {
            onExpiry.accept(why);
        }
    }
}
