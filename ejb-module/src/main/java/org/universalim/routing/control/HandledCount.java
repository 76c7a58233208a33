package org.universalim.routing.control;

import org.universalim.routing.entity.StreamPosition;

import java.util.Comparator;
import java.util.List;

/**
 * What a client's 'h' (XEP-0198: the count of the stanzas it handled, an unsigned 32-bit number that goes from
 * 4294967295 back to 0) covers of the messages a stream gave it: a message at position {@code p} is covered when
 * {@code p} is at or before {@code h}, counting modulo 2^32 (within half the range: a stream never has 2^31 stanzas
 * unacknowledged). Positions count from 1: 'h' 0 covers nothing.
 */
public final class HandledCount {

    private static final long MODULUS = 1L << 32;
    private static final long MASK = MODULUS - 1;
    private static final long HALF = MODULUS / 2;

    private HandledCount() {
    }

    /** Whether a client that handled {@code h} stanzas handled the one at {@code position}. */
    public static boolean covers(long h, long position) {
        return ((h - position) & MASK) < HALF;
    }

    /** The positions among {@code positions} that {@code h} covers, in the order they were given. */
    public static List<StreamPosition> covered(List<StreamPosition> positions, long h) {
        return positions.stream().filter(p -> covers(h, p.position()))
                .sorted(Comparator.comparingLong((StreamPosition p) -> (h - p.position()) & MASK).reversed())
                .toList();
    }
}
