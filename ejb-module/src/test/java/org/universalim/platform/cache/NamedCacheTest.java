package org.universalim.platform.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cache the application's caches are made of: bounded, expiring, counted, and safe to forget during a load. */
class NamedCacheTest {

    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;

    @Test
    void aValueIsLoadedOnceThenServedUntilItExpires() {
        NamedCache<String, String> cache = Caches.standalone("test", 10, Duration.ofSeconds(30), ticker);
        AtomicInteger loads = new AtomicInteger();

        assertThat(cache.get("bob", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        assertThat(cache.get("bob", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));
        assertThat(cache.get("bob", k -> "v" + loads.incrementAndGet())).isEqualTo("v2");

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.name()).isEqualTo("test");
    }

    @Test
    void nothingIsKeptForANullAndForgettingReadsAgain() {
        NamedCache<String, String> cache = Caches.standalone("test", 10, Duration.ofSeconds(30), ticker);
        assertThat(cache.get("nobody", k -> null)).isNull();
        assertThat(cache.size()).isZero();
        cache.get("bob", k -> "old");
        cache.forget("bob");
        assertThat(cache.get("bob", k -> "new")).isEqualTo("new");
        cache.forgetAll();
        assertThat(cache.get("bob", k -> "newer")).isEqualTo("newer");
    }

    @Test
    void itHoldsNoMoreThanItsSize() {
        NamedCache<Integer, Integer> cache = Caches.standalone("test", 100, Duration.ofMinutes(1), ticker);
        for (int i = 0; i < 1_000; i++) {
            cache.get(i, k -> k);
        }
        cache.get(0, k -> k); // upkeep runs on the caller: evictions are done by now
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        assertThat(cache.evictions()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void aForgetDuringALoadLeavesNothingOfTheOldValue() throws Exception {
        NamedCache<String, String> cache = Caches.standalone("test", 10, Duration.ofMinutes(1), ticker);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> cache.get("bob", k -> {
            loading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // the read of the old value is slow
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "old";
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        // the change commits and forgets the key while the old value is still being read: the forget waits
        Thread forgetting = new Thread(() -> cache.forget("bob"));
        forgetting.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> forgetting.getState() == Thread.State.BLOCKED
                || forgetting.getState() == Thread.State.WAITING || forgetting.getState() == Thread.State.TERMINATED);
        release.countDown();
        forgetting.join(10_000);
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(cache.get("bob", k -> "new")).isEqualTo("new");
    }
}
