package org.universalim.federation.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxClockTest {

    private static final Instant T = Instant.parse("2026-12-06T10:25:51.962962123Z");

    @Test
    void aLaterTimeIsTakenToTheMicrosecond() {
        assertThat(OutboxClock.after(Instant.EPOCH, T)).isEqualTo(Instant.parse("2026-12-06T10:25:51.962962Z"));
    }

    @Test
    void theSameOrAnEarlierTimeComesOneMicrosecondAfterTheLastStamp() {
        Instant last = Instant.parse("2026-12-06T10:25:51.962962Z");
        assertThat(OutboxClock.after(last, T)).isEqualTo(Instant.parse("2026-12-06T10:25:51.962963Z"));
        // the wall clock stepped back
        assertThat(OutboxClock.after(last, T.minusSeconds(5))).isEqualTo(Instant.parse("2026-12-06T10:25:51.962963Z"));
    }

    @Test
    void stampsTakenTogetherAreAllDifferentAndIncreasing() throws InterruptedException {
        OutboxClock clock = new OutboxClock();
        ConcurrentLinkedQueue<List<Instant>> perThread = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> perThread.add(IntStream.range(0, 1000).mapToObj(i -> clock.stamp(T)).toList()));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Instant> all = perThread.stream().flatMap(List::stream).toList();
        assertThat(all).doesNotHaveDuplicates().hasSize(4000);
        perThread.forEach(stamps -> assertThat(stamps).isSorted());
    }
}
