package org.universalim.it.security;

import org.universalim.it.IspServer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test server of the log-in limits: small limits so a test reaches them in seconds, and loopback declared
 * a trusted proxy so each test can speak for client addresses of its own ({@code X-Forwarded-For}) and no
 * test's failures count against another's.
 */
final class GuardedServer {

    static final int ACCOUNT_DELAY_AFTER = 3;
    static final int ACCOUNT_LOCK_AFTER = 6;
    static final int ADDRESS_DELAY_AFTER = 8;
    static final int ADDRESS_LOCK_AFTER = 12;
    static final int LOCK_SECONDS = 4;
    /** The longest wait between two attempts before the lock; a Retry-After above it means "locked". */
    static final int DELAY_MAX_SECONDS = 1;

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private GuardedServer() {
    }

    static IspServer start() {
        return IspServer.tuned("auth", 5, Map.of(
                "AUTH_ACCOUNT_DELAY_AFTER", String.valueOf(ACCOUNT_DELAY_AFTER),
                "AUTH_ACCOUNT_LOCK_AFTER", String.valueOf(ACCOUNT_LOCK_AFTER),
                "AUTH_ADDRESS_DELAY_AFTER", String.valueOf(ADDRESS_DELAY_AFTER),
                "AUTH_ADDRESS_LOCK_AFTER", String.valueOf(ADDRESS_LOCK_AFTER),
                "AUTH_DELAY_BASE_MS", "250",
                "AUTH_DELAY_MAX_SECONDS", String.valueOf(DELAY_MAX_SECONDS),
                "AUTH_LOCK_SECONDS", String.valueOf(LOCK_SECONDS),
                "TRUSTED_PROXIES", "127.0.0.1"));
    }

    /** A client address no other test uses (documentation ranges, RFC 5737). */
    static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return (n <= 250 ? "203.0.113." : "198.51.100.") + (n <= 250 ? n : n - 250);
    }
}
