package org.universalim.federation.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which one peer's federation endpoints (its nodes, {@code Peer.baseUrls()}) are tried: each call starts
 * at the next endpoint in turn, so the calls are spread over the peer's nodes; an endpoint that could not be reached
 * rests for {@link #REST_MILLIS} and is tried after the others meanwhile (and still tried: when every endpoint rests,
 * the call goes to them all in turn as to one). An answer from an endpoint ends its rest. Thread-safe.
 */
final class EndpointRotation {

    /** How long an endpoint that could not be reached is tried only after the others. */
    static final long REST_MILLIS = 10_000;

    private final List<String> urls;
    private final long[] restingUntil;
    private int next;

    EndpointRotation(List<String> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no endpoint");
        }
        this.urls = List.copyOf(urls);
        this.restingUntil = new long[urls.size()];
    }

    List<String> urls() {
        return urls;
    }

    /** The endpoints in the order this call tries them: the next one in turn first, those resting last. */
    synchronized List<String> order(long nowMillis) {
        int n = urls.size();
        List<String> awake = new ArrayList<>(n);
        List<String> resting = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = (next + k) % n;
            (restingUntil[i] > nowMillis ? resting : awake).add(urls.get(i));
        }
        next = (next + 1) % n;
        awake.addAll(resting);
        return awake;
    }

    /** The endpoint could not be reached (no connection, or no application behind it). */
    synchronized void unreachable(String url, long nowMillis) {
        int i = urls.indexOf(url);
        if (i >= 0) {
            restingUntil[i] = nowMillis + REST_MILLIS;
        }
    }

    /** The endpoint answered (a refusal is an answer). */
    synchronized void answered(String url) {
        int i = urls.indexOf(url);
        if (i >= 0) {
            restingUntil[i] = 0;
        }
    }
}
