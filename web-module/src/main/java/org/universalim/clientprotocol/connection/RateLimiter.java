package org.universalim.clientprotocol.connection;

/**
 * A token bucket per connection: {@code perSecond} frames a second on average, bursts of up to
 * {@code burst}. Not thread-safe: a connection's frames arrive one at a time.
 */
public final class RateLimiter {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, double burst, long nowNanos) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token for a frame received at {@code nowNanos}; false when over the rate. */
    public boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * How long from {@code nowNanos} until a token is there (0: now), without taking it: when a connection that is over
     * its rate may go on reading.
     */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNanos - last) * perNano);
        last = Math.max(last, nowNanos);
    }
}
