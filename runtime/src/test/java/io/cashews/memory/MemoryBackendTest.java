package io.cashews.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.spi.Backend;
import io.cashews.Cashews;
import io.cashews.Scope;
import io.cashews.time.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What only the memory backend promises, beyond the shared contract. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class MemoryBackendTest {

    private static final Object MISS = new Object();

    @Test
    void sizeBoundsTheNumberOfEntries() {
        Cashews cache = Cashews.builder().executor(Runnable::run).build();
        cache.setup("mem://?size=10&check_interval=0");
        for (int i = 0; i < 100; i++) {
            cache.set("k" + i, i);
        }
        assertThat(cache.getKeysCount()).isLessThanOrEqualTo(10);
        cache.close();
    }

    @Test
    void evictionsCountWhatTheSizeLimitRemovedButNotDeletes() {
        try (Cashews cache = Cashews.builder().executor(Runnable::run).build()) {
            cache.setup("mem://?size=10&check_interval=0");
            assertThat(cache.evictionCount()).hasValue(0);
            for (int i = 0; i < 100; i++) {
                cache.set("k" + i, i);
            }
            assertThat(cache.evictionCount().getAsLong()).isEqualTo(100 - cache.getKeysCount()).isGreaterThanOrEqualTo(90);
            long evicted = cache.evictionCount().getAsLong();
            cache.clear();
            cache.set("again", 1);
            cache.delete("again");
            assertThat(cache.evictionCount()).hasValue(evicted);
        }
    }

    @Test
    void evictionsCountTheExpiredEntriesThePurgeCleared() throws Exception {
        ManualClock clock = new ManualClock();
        AtomicReference<CountDownLatch> purged = new AtomicReference<>(new CountDownLatch(0));
        Executor counting = task -> {
            task.run();
            purged.get().countDown();
        };
        try (Cashews cache = Cashews.builder().executor(counting).clock(clock).build()) {
            cache.setup("mem://?check_interval=10ms");
            for (int i = 0; i < 5; i++) {
                cache.set("short" + i, i, Duration.ofSeconds(1));
            }
            cache.set("long", 1, Duration.ofHours(1));
            clock.advance(Duration.ofSeconds(2));
            // Purges recur every 10 ms on the executor: wait task by task until one has cleared them.
            while (cache.evictionCount().getAsLong() < 5) {
                CountDownLatch next = new CountDownLatch(1);
                purged.set(next);
                assertThat(next.await(30, TimeUnit.SECONDS)).as("the executor keeps running purges").isTrue();
            }
            assertThat(cache.evictionCount()).hasValue(5);
            assertThat(cache.exists("long")).isTrue();
        }
    }

    @Test
    void defaultSizeIsAThousand() {
        Cashews cache = Cashews.builder().executor(Runnable::run).build();
        cache.setup("mem://?check_interval=0");
        for (int i = 0; i < 1500; i++) {
            cache.set("k" + i, i);
        }
        assertThat(cache.getKeysCount()).isLessThanOrEqualTo(MemoryBackendProvider.DEFAULT_SIZE);
        assertThat(cache.getKeysCount()).isGreaterThan(900);
        cache.close();
    }

    @Test
    void checkIntervalSchedulesPurgesOnTheInstanceExecutor() throws Exception {
        CountDownLatch purges = new CountDownLatch(3);
        Executor counting = task -> {
            purges.countDown();
            task.run();
        };
        Cashews cache = Cashews.builder().executor(counting).clock(new ManualClock()).build();
        cache.setup("mem://?check_interval=10ms");
        assertThat(purges.await(5, TimeUnit.SECONDS)).isTrue();
        cache.close();
    }

    @Test
    void zeroCheckIntervalSchedulesNothing() {
        Executor refusing = task -> {
            throw new AssertionError("no background work expected");
        };
        Cashews cache = Cashews.builder().executor(refusing).build();
        Backend backend = cache.setup("mem://?check_interval=0");
        backend.set("k", "v", Duration.ofSeconds(1), io.cashews.Exist.ANY);
        assertThat(backend.get("k")).isEqualTo("v");
        cache.close();
    }

    @Test
    void expiryFollowsTheInjectedClockNotRealTime() {
        ManualClock clock = new ManualClock();
        Cashews cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        cache.setup("mem://?check_interval=0");
        cache.set("k", "v", Duration.ofMillis(1));
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        clock.advance(Duration.ofMillis(2));
        assertThat(cache.<Object>get("k")).isNull();
        cache.close();
    }

    @Test
    void storesTheObjectItself() {
        Cashews cache = Cashews.create("mem://");
        Object value = new Object();
        cache.set("k", value);
        assertThat(cache.<Object>get("k")).isSameAs(value);
        cache.close();
    }

    @Test
    void hitPathDoesNotAllocate() {
        // HotSpot, the JDK this project builds on, counts allocation per thread.
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        for (Cashews cache : new Cashews[] {
            Cashews.create("mem://"),
            Cashews.builder().clock(new ManualClock()).executor(Runnable::run).build()}) {
            try (Cashews closing = cache) {
                ensureSetUp(closing);
                closing.set("user:1", "value", Duration.ofMinutes(5));
                closing.set("user:2", null, Duration.ofMinutes(5));
                long threadId = Thread.currentThread().getId();
                int rounds = 200_000;
                Object sink = null;
                for (int i = 0; i < rounds; i++) {
                    sink = closing.get((i & 1) == 0 ? "user:1" : "user:2", MISS);
                }
                long before = threads.getThreadAllocatedBytes(threadId);
                for (int i = 0; i < rounds; i++) {
                    sink = closing.get((i & 1) == 0 ? "user:1" : "user:2", MISS);
                }
                long allocated = threads.getThreadAllocatedBytes(threadId) - before;
                assertThat(sink).isNull();
                // Well under one byte per hit: only measurement noise, no per-call object.
                assertThat(allocated).isLessThan(rounds / 4);
            }
        }
    }

    private static void ensureSetUp(Cashews cache) {
        try {
            cache.getKeysCount();
        } catch (io.cashews.NotConfiguredException notYet) {
            cache.setup("mem://?check_interval=0");
        }
    }

    @Test
    void hitPathStaysCheapWhileAnotherThreadHasADisablingScope() throws Exception {
        Cashews cache = Cashews.create("mem://");
        cache.set("k", "v");
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (Scope scope = cache.disabling()) {
                opened.countDown();
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        done.countDown();
        other.join(5000);
        cache.close();
    }
}
