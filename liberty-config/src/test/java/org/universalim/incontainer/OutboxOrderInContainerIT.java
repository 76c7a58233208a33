package org.universalim.incontainer;

import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.universalim.federation.boundary.OutboxWork;
import org.universalim.federation.entity.OutboxItem;

import javax.naming.InitialContext;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer's outbox goes out in the order its items were queued, whatever ids they got (issue 14: after a restart, one
 * message of a sender reached the peer after the three that followed it, in one batch). EclipseLink gives a
 * transaction that finds no id left a block of its own, and returns what it leaves of it to the pool when it commits;
 * so here: a long transaction takes a fresh block, a second one queued meanwhile takes the next block, and a third,
 * queued last, gets the first block's leftovers, lower than the second's.
 */
@ExtendWith(ArquillianExtension.class)
class OutboxOrderInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.beansAndEntities("outbox-order", OutboxOrderInContainerIT.class, OutboxQueueing.class, Threads.class);
    }

    @EJB
    OutboxQueueing queueing;

    @EJB
    OutboxWork work;

    @Test
    void itemsGoInTheOrderTheyWereQueuedNotInTheOrderOfTheirIds() throws Exception {
        String peer = "order-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        // use up the ids this server holds, so that the next item's transaction takes a fresh block
        queueing.queue(peer, "filler");
        long[] state = queueing.lastIdAndBlockEnd(peer);
        for (long i = state[0]; i < state[1]; i++) {
            queueing.queue(peer, "filler");
        }

        ManagedExecutorService executor = (ManagedExecutorService) new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = executor.submit(() -> {
            queueing.queueAndHold(peer, "first", queued, release);
            return null;
        });
        // the first holds the sequence table's row: the second waits for it, then takes the next block
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        assertThat(queued.await(30, TimeUnit.SECONDS)).as("the first item is queued").isTrue();
        Future<?> second = executor.submit(() -> {
            secondThread.set(Thread.currentThread());
            queueing.queue(peer, "second");
            return null;
        });
        await("the second waits for the sequence table").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> Threads.waitsForTheDatabase(secondThread.get()) || second.isDone());
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        queueing.queue(peer, "third");

        assertThat(work.head(peer, 1000)).filteredOn(o -> !o.subject().equals("filler")).extracting(OutboxItem::subject)
                .containsExactly("first", "second", "third");
        assertThat(work.head(peer, 1000)).extracting(OutboxItem::createdAt).isSorted().doesNotHaveDuplicates();
    }
}
