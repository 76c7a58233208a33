package org.universalim.clientprotocol.connection;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many connections each client address holds of something limited (here: connections not yet logged in),
 * with a ceiling per address. Thread-safe. A limit of 0 or less means no limit.
 */
public final class AddressQuota {

    private final int limit;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    public AddressQuota(int limit) {
        this.limit = limit;
    }

    /** Whether the address could take one more now (a cheap look, for refusing before any work). */
    public boolean hasRoom(String address) {
        return limit <= 0 || held.getOrDefault(key(address), 0) < limit;
    }

    /** Takes one for the address; false (and nothing taken) when it holds its share already. */
    public boolean tryAcquire(String address) {
        boolean[] taken = {false};
        held.compute(key(address), (k, n) -> {
            int now = n == null ? 0 : n;
            if (limit > 0 && now >= limit) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives one back. */
    public void release(String address) {
        held.computeIfPresent(key(address), (k, n) -> n <= 1 ? null : n - 1);
    }

    /** What the address holds now. */
    public int held(String address) {
        return held.getOrDefault(key(address), 0);
    }

    /** Addresses holding anything (the map forgets the others). */
    int addresses() {
        return held.size();
    }

    private static String key(String address) {
        return address == null ? "" : address;
    }
}
