package org.universalim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of benchmark bodies and the accounting of deliveries. */
class MessageRunTest {

    private static String message(int run, int sender, long seq, long sentNanos, String type) {
        return "<message xmlns='jabber:client' from='a@b/c' to='d@b/c' type='" + type + "'><body>" + run + ' '
                + sender + ' ' + seq + ' ' + (sentNanos - MessageRun.BASE_NANOS) + "</body></message>";
    }

    @Test
    void countsDeliveriesStaleErrorsAndOrder() {
        List<long[]> delivered = new ArrayList<>();
        MessageRun run = new MessageRun(7, 4, 100, (s, seq, now) -> delivered.add(new long[] {s, seq}));
        long now = System.nanoTime();
        run.onMessage(null, message(7, 102, 0, now - 2_000_000, "chat"), now);
        run.onMessage(null, message(7, 102, 2, now - 1_000_000, "chat"), now);
        run.onMessage(null, message(6, 102, 3, now, "chat"), now);
        run.onMessage(null, message(7, 102, 3, now, "error"), now);
        assertEquals(2, run.received.sum());
        assertEquals(1, run.outOfOrder.sum());
        assertEquals(1, run.stale.sum());
        assertEquals(1, run.errors.sum());
        assertEquals(2, delivered.get(0)[0]);
        assertEquals(2, delivered.get(1)[1]);
        assertEquals(2000, run.latencyMicros().getMaxValue(), 10);
    }

    @Test
    void resultJsonRoundTrip() {
        Result r = new Result().put("scenario", "closed").put("msgs_per_s", 8500.25).put("lost", 0L)
                .put("capped", false).put("first_error", "a \"quoted\"\nline").put("none", null);
        var m = Result.parseFlat(r.toJson());
        assertEquals("closed", m.get("scenario"));
        assertEquals(8500.25, (Double) m.get("msgs_per_s"), 1e-9);
        assertEquals(0.0, m.get("lost"));
        assertEquals(Boolean.FALSE, m.get("capped"));
        assertEquals("a \"quoted\"\nline", m.get("first_error"));
        assertEquals(null, m.get("none"));
    }
}
