package org.universalim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The presence fan-out bookkeeping: rounds, latencies from t0, resets, and who counts as the target. */
class FanoutTest {

    private static final long MS = 1_000_000L;

    @Test
    void aRoundCountsFirstSightingsFromT0() {
        Fanout f = new Fanout(4, 10, "bench-target");
        long t0 = 1_000 * MS;
        f.onPresence(10, "bench-target@isp-a-u.example/bench", null, t0 + 5 * MS);
        f.onPresence(11, "bench-target@isp-a-u.example/bench", null, t0 + 20 * MS);
        f.onPresence(11, "bench-target@isp-a-u.example/bench", null, t0 + 30 * MS); // a second one: not counted again
        f.onPresence(12, "Bench-Target@isp-a.example/pc", null, t0 + 10 * MS);     // another form of the address
        f.onPresence(13, "someone@isp-a-u.example/bench", null, t0 + 1 * MS);     // not the target
        f.onPresence(14, "bench-target@isp-a-u.example/bench", null, t0 + 1 * MS); // not a watcher of this run
        Fanout.Round r = f.round(t0);
        assertEquals(3, r.seen());
        assertEquals(1, r.missed());
        assertEquals(0, r.early());
        assertEquals(20_000, r.lastMicros());
        assertEquals(10_000, r.latencyMicros().getValueAtPercentile(50), 20);
        assertEquals(1, f.duplicates.sum());
        assertEquals(2, f.others.sum());
        assertEquals(3, f.everAvailableCount.get());
    }

    @Test
    void resetsKeepWhoEverSawTheTarget() {
        Fanout f = new Fanout(2, 0, "t1");
        f.onPresence(0, "t1@d/r", null, 100);
        f.onPresence(1, "t1@d/r", "subscribed", 90);
        f.onPresence(1, "t1@d", "unsubscribed", 95);
        assertEquals(1, f.subscribedCount.get());
        assertEquals(1, f.refusals.sum());
        assertEquals(1, f.missingUnavailable());
        f.onPresence(0, "t1@d/r", "unavailable", 200);
        assertEquals(0, f.missingUnavailable());
        f.resetUnavailable();
        assertEquals(1, f.missingUnavailable());
        f.resetAvailable();
        assertEquals(0, f.availableCount.get());
        assertTrue(f.everSawTarget(0));
        assertFalse(f.everSawTarget(1));
        f.onPresence(1, "t1@d/r", null, 500);
        Fanout.Round r = f.round(400);
        assertEquals(1, r.seen());
        assertEquals(0, r.lastMicros()); // 100 ns
        Fanout.Round late = f.round(600);
        assertEquals(1, late.early()); // a presence before t0 is clamped to 0 and counted
    }

    @Test
    void errorsAboutTheTargetAreTakenOnce() {
        Fanout f = new Fanout(2, 0, "t1");
        f.onPresence(1, "t1@d", "error", 5);
        f.onPresence(0, "other@d", "error", 5);
        assertTrue(f.takeError(1));
        assertFalse(f.takeError(1));
        assertFalse(f.takeError(0));
        assertEquals(1, f.errors.sum());
    }

    @Test
    void noWatcherSeenMeansNoLastTime() {
        Fanout.Round r = new Fanout(3, 0, "t").round(0);
        assertEquals(3, r.missed());
        assertEquals(-1, r.lastMicros());
    }

    @Test
    void stanzaFramesAreParsed() {
        Fanout f = new Fanout(1, 0, "t1");
        f.onFrame(0, "<presence xmlns='jabber:client' from='t1@isp-b-u.example/bench' to='w@x/y'><show>x</show></presence>", 50);
        assertEquals(1, f.availableCount.get());
    }
}
