package org.universalim.routing.control;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;
import org.universalim.routing.entity.ImMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal at a graceful stop: what it took is written before it refuses anything (JournalDrain). */
class MessageJournalDrainTest {

    /** A store that takes its time over every batch, and counts what it wrote. */
    static final class SlowStore extends MessageStore {
        final AtomicInteger written = new AtomicInteger();
        final CountDownLatch open;

        SlowStore(CountDownLatch open) {
            this.open = open;
        }

        @Override
        public Set<Operation> apply(List<Operation> batch) {
            try {
                open.await();
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.addAndGet(batch.size());
            return Set.of();
        }
    }

    private static MessageJournal journal(MessageStore store) {
        MessageJournal journal = new MessageJournal();
        journal.store = store;
        journal.log = Logger.getLogger(MessageJournalDrainTest.class.getName());
        journal.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                return new Thread(r);
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        return journal;
    }

    private static ImMessage message(int n) {
        UserId a = UserId.parse("alice@isp-a.example");
        UserId b = UserId.parse("bob@isp-a.example");
        return new ImMessage("m" + n, n, a, "alice", b, "bob", "text", 0, "hi " + n, "JSON", Instant.now());
    }

    @Test
    void everythingTakenIsWrittenThenNewWorkIsRefused() {
        SlowStore store = new SlowStore(new CountDownLatch(0));
        MessageJournal journal = journal(store);
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            taken.add(journal.insert(message(i)));
            if (i % 20 == 0) {
                taken.add(journal.mark("m" + i, ImMessage.Status.DELIVERED, "pc", Instant.now()));
            }
        }

        MessageJournal.Drained drained = journal.drain(Duration.ofSeconds(10));

        assertThat(drained.left()).isZero();
        assertThat(taken).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThat(store.written.get()).isEqualTo(taken.size());
        CompletableFuture<Void> late = journal.insert(message(1000));
        assertThat(late).isCompletedExceptionally();
        assertThat(MessageJournal.isStopping(late.handle((v, e) -> e).join())).isTrue();
        assertThat(store.written.get()).isEqualTo(taken.size());
    }

    @Test
    void whatIsNotWrittenInTimeFailsAsStoppingAndIsCounted() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        SlowStore store = new SlowStore(open);
        MessageJournal journal = journal(store);
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            taken.add(journal.insert(message(i)));
        }
        // the database hangs: the writer holds its first batch
        MessageJournal.Drained drained = journal.drain(Duration.ofMillis(200));
        assertThat(drained.atStop()).isEqualTo(50);
        assertThat(drained.left()).isPositive();
        open.countDown();
        CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        long stopped = taken.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        assertThat(store.written.get() + stopped).isEqualTo(50);
        assertThat(taken).filteredOn(CompletableFuture::isCompletedExceptionally)
                .allSatisfy(f -> assertThat(MessageJournal.isStopping(f.handle((v, e) -> e).join())).isTrue());
    }

    @Test
    void aRefusingExecutorMeansTheServerIsStopping() {
        assertThat(MessageJournal.isStopping(new CompletionException(new RejectedExecutionException("shut down")))).isTrue();
        assertThat(MessageJournal.isStopping(new IllegalStateException("a fault"))).isFalse();
    }
}
