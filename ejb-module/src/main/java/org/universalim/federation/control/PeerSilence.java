package org.universalim.federation.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When a peer that does not answer has been silent long enough for its users to be shown unavailable to our
 * watchers, and when a peer is due for a status probe. Pure rules over what {@code PeerHealth} records.
 *
 * <p>A peer is silent since our last call that got through; but when that call is older than the first failed
 * one by more than the gap between two probes (nothing called it for a while: it was not probed, or this ISP was
 * down itself), the silence is counted from the first failed call, so a single failure after a quiet spell is not
 * an outage.
 */
public final class PeerSilence {

    private PeerSilence() {
    }

    /**
     * Whether the peer's users are to be shown unavailable now.
     *
     * @param reachable        whether the last call got through
     * @param lastSuccessAt    the last call that got through, or null
     * @param unreachableSince the first failed call since then, or null
     * @param after            how long a peer may be silent ({@code federation.peer.unavailable.seconds})
     * @param probeGap         the longest gap between two calls to a probed peer: the probe interval
     *                         ({@code federation.peer.probe.seconds}) plus a call's time-out
     */
    public static boolean usersUnavailable(boolean reachable, Instant lastSuccessAt, Instant unreachableSince, Instant now,
                                           Duration after, Duration probeGap) {
        if (reachable || unreachableSince == null) {
            return false;
        }
        Instant silentSince = lastSuccessAt != null && !lastSuccessAt.isBefore(unreachableSince.minus(probeGap))
                ? lastSuccessAt : unreachableSince;
        return !now.isBefore(silentSince.plus(after));
    }

    /** Whether the peer is due for a probe: no call to it, answered or not, within the probe interval. */
    public static boolean probeDue(Instant lastSuccessAt, Instant lastFailureAt, Instant now, Duration probeEvery) {
        Instant last = lastSuccessAt == null ? lastFailureAt
                : lastFailureAt == null || lastSuccessAt.isAfter(lastFailureAt) ? lastSuccessAt : lastFailureAt;
        return last == null || !now.isBefore(last.plus(probeEvery));
    }
}
