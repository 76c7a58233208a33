package org.universalim.clientprotocol.websocket;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.connection.RateLimiter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FrameShaperTest {

    /** A clock the test moves, and a timer whose tasks the test runs when their time comes. */
    private long now;
    private final List<long[]> due = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();

    private FrameShaper.Timer timer() {
        return (task, delay) -> {
            due.add(new long[] {now + delay});
            tasks.add(task);
        };
    }

    private FrameShaper shaper(double perSecond, double burst, int maxFrames) {
        return new FrameShaper(new RateLimiter(perSecond, burst, 0), new FrameBacklog(maxFrames, 1_000_000, new BacklogBudget(0)), () -> now, timer(),
                handled::add, overflows::incrementAndGet);
    }

    /** Moves the clock to the first task's time and runs it; false when none is scheduled. */
    private boolean runNextTask() {
        if (tasks.isEmpty()) {
            return false;
        }
        now = Math.max(now, due.remove(0)[0]);
        tasks.remove(0).run();
        return true;
    }

    @Test
    void withinTheRateEveryFrameIsHandledAtOnce() {
        FrameShaper s = shaper(50, 200, 1000);
        for (int i = 0; i < 200; i++) {
            s.received("f" + i);
        }
        assertThat(handled).hasSize(200);
        assertThat(tasks).isEmpty();
    }

    @Test
    void overTheRateFramesWaitAndAreHandledInOrderAsTokensComeBack() {
        FrameShaper s = shaper(50, 200, 1000);
        for (int i = 0; i < 400; i++) {
            s.received("f" + i);
        }
        assertThat(handled).hasSize(200);
        assertThat(s.waiting()).isEqualTo(200);
        assertThat(tasks).as("one task at a time").hasSize(1);
        assertThat(due.get(0)[0]).as("the next token, 20 ms later").isEqualTo(20_000_000L);
        while (runNextTask()) {
            assertThat(tasks.size()).isLessThanOrEqualTo(1);
        }
        assertThat(handled).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 400).mapToObj(i -> "f" + i).toList());
        assertThat(now).as("200 more at 50 a second").isEqualTo(4_000_000_000L);
        assertThat(overflows).hasValue(0);
    }

    @Test
    void aFrameArrivingWhileOthersWaitGoesBehindThemEvenWithATokenAtHand() {
        FrameShaper s = shaper(10, 1, 1000);
        s.received("a");
        s.received("b");
        s.received("c");
        assertThat(handled).containsExactly("a");
        now = 1_000_000_000L; // a second later: tokens for all, but the timer has not run yet
        s.received("d");
        assertThat(handled).as("d does not pass b and c").containsExactly("a");
        runNextTask();
        runNextTask();
        runNextTask();
        assertThat(handled).containsExactly("a", "b", "c", "d");
    }

    @Test
    void framesArrivingWhileOneIsHandledWaitForIt() {
        List<String> log = new ArrayList<>();
        FrameShaper[] self = new FrameShaper[1];
        FrameShaper.Timer timer = timer();
        self[0] = new FrameShaper(new RateLimiter(10, 5, 0), new FrameBacklog(10, 1000, new BacklogBudget(0)), () -> now, timer, frame -> {
            log.add("start " + frame);
            if (frame.equals("a")) {
                self[0].received("b"); // as if another thread gave a frame meanwhile
            }
            log.add("end " + frame);
        }, () -> { });
        self[0].received("a");
        assertThat(log).containsExactly("start a", "end a", "start b", "end b");
    }

    @Test
    void aFullBacklogEndsTheConnectionOnceAndDropsWhatWaits() {
        FrameShaper s = shaper(50, 2, 3);
        for (int i = 0; i < 10; i++) {
            s.received("f" + i);
        }
        assertThat(handled).containsExactly("f0", "f1");
        assertThat(overflows).hasValue(1);
        assertThat(s.waiting()).isZero();
        now += 10_000_000_000L;
        while (runNextTask()) {
            // nothing is left to handle
        }
        s.received("late");
        assertThat(handled).containsExactly("f0", "f1");
        assertThat(overflows).hasValue(1);
    }

    @Test
    void anEndedConnectionHandlesNothingMore() {
        FrameShaper s = shaper(50, 1, 100);
        s.received("a");
        s.received("b");
        s.end();
        while (runNextTask()) {
            // the scheduled task finds the connection over
        }
        s.received("c");
        assertThat(handled).containsExactly("a");
    }

    @Test
    void aFailingFrameDoesNotStopTheOthers() {
        FrameShaper.Timer timer = timer();
        FrameShaper s = new FrameShaper(new RateLimiter(10, 1, 0), new FrameBacklog(10, 1000, new BacklogBudget(0)), () -> now, timer, frame -> {
            if (frame.equals("bad")) {
                throw new IllegalStateException("boom");
            }
            handled.add(frame);
        }, () -> { });
        s.received("bad");
        s.received("good");
        now = 1_000_000_000L;
        runNextTask();
        assertThat(handled).containsExactly("good");
    }

    @Test
    void aTimerThatRefusesEndsTheConnection() {
        FrameShaper s = new FrameShaper(new RateLimiter(10, 1, 0), new FrameBacklog(10, 1000, new BacklogBudget(0)), () -> now, (task, delay) -> {
            throw new RejectedExecutionException("stopping");
        }, handled::add, () -> { });
        s.received("a");
        s.received("b");
        assertThat(s.waiting()).isZero();
        s.received("c");
        assertThat(handled).containsExactly("a");
    }
}
