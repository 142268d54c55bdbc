package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HandOver}: batches, order, blocking work, failures, refusal, contention. */
class HandOverTest {
    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void tearDown() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    /** Holds the tasks it is given until released, then passes them (and later ones) to a pool. */
    private static final class Gate implements Executor {
        private final Executor target;
        private final List<Runnable> held = new ArrayList<>();
        private final AtomicInteger tasks = new AtomicInteger();
        private boolean open;

        Gate(Executor target) {
            this.target = target;
        }

        @Override
        public synchronized void execute(Runnable task) {
            tasks.incrementAndGet();
            if (open) {
                target.execute(task);
            } else {
                held.add(task);
            }
        }

        synchronized void open() {
            open = true;
            held.forEach(target::execute);
            held.clear();
        }
    }

    @Test
    void workQueuedBeforeTheDrainStartsRunsInOneTaskInOrder() throws Exception {
        Gate gate = new Gate(pool(1));
        HandOver handOver = new HandOver(gate);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            int n = i;
            handOver.submit(() -> {
                ran.add(n);
                done.countDown();
            });
        }
        assertThat(gate.tasks).as("one drain for the work queued while none had started").hasValue(1);
        gate.open();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertThat(ran).isEqualTo(expected);
        // The spare drains a single thread ran after the first one found nothing left to do.
        assertThat(gate.tasks.get()).isLessThanOrEqualTo(100);
    }

    @Test
    void workRunsOnTheExecutorAndKnowsItIsDraining() throws Exception {
        ExecutorService pool = pool(1);
        HandOver handOver = new HandOver(pool);
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        CompletableFuture<Boolean> draining = new CompletableFuture<>();
        handOver.submit(() -> {
            draining.complete(HandOver.isDraining(pool));
            thread.complete(Thread.currentThread());
        });
        assertThat(thread.get(10, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
        assertThat(draining.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(HandOver.isDraining(pool)).as("not here, outside a drain").isFalse();
    }

    @Test
    void aPieceBlockedOnWorkQueuedBehindItDoesNotHoldItUp() throws Exception {
        // Both are queued before any drain starts: the drain that takes the first one must leave
        // the second to another drain, or the first waits for ever.
        Gate gate = new Gate(pool(2));
        HandOver handOver = new HandOver(gate);
        CountDownLatch second = new CountDownLatch(1);
        CompletableFuture<Boolean> firstSawSecond = new CompletableFuture<>();
        handOver.submit(() -> {
            try {
                firstSawSecond.complete(second.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                firstSawSecond.completeExceptionally(e);
            }
        });
        handOver.submit(second::countDown);
        gate.open();
        assertThat(firstSawSecond.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPieceBlockedOnWorkHandedOverLaterDoesNotHoldItUp() throws Exception {
        HandOver handOver = new HandOver(pool(2));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch later = new CountDownLatch(1);
        CompletableFuture<Boolean> blockedOne = new CompletableFuture<>();
        handOver.submit(() -> {
            started.countDown();
            try {
                blockedOne.complete(later.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                blockedOne.completeExceptionally(e);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        handOver.submit(later::countDown);
        assertThat(blockedOne.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPieceThatThrowsDoesNotStopTheOthers() throws Exception {
        Gate gate = new Gate(pool(1));
        HandOver handOver = new HandOver(gate);
        CountDownLatch after = new CountDownLatch(1);
        handOver.submit(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        handOver.submit(after::countDown);
        gate.open();
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRefusingExecutorRunsTheWorkOnTheSubmittingThread() {
        AtomicInteger refused = new AtomicInteger();
        HandOver handOver = new HandOver(task -> {
            refused.incrementAndGet();
            throw new RejectedExecutionException("shut down (expected by the test)");
        });
        List<Thread> threads = new ArrayList<>();
        handOver.submit(() -> threads.add(Thread.currentThread()));
        handOver.submit(() -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread(), Thread.currentThread());
        assertThat(refused).hasValue(2);
    }

    @Test
    void anInlineExecutorRunsNestedWorkInOrderWithoutRecursing() {
        HandOver handOver = new HandOver(Runnable::run);
        List<Integer> ran = new ArrayList<>();
        handOver.submit(() -> {
            ran.add(0);
            for (int i = 1; i <= 10_000; i++) {
                int n = i;
                // Each of these finds a drain running on this thread: queued for its loop.
                handOver.submit(() -> ran.add(n));
            }
        });
        assertThat(ran).hasSize(10_001);
        for (int i = 0; i <= 10_000; i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aCancelledFutureStaysCancelledAndTheRestCompletes() throws Exception {
        Gate gate = new Gate(pool(1));
        HandOver handOver = new HandOver(gate);
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        CompletableFuture<String> kept = new CompletableFuture<>();
        handOver.submit(() -> cancelled.complete("late"));
        handOver.submit(() -> kept.complete("on time"));
        cancelled.cancel(false);
        gate.open();
        assertThat(kept.get(10, TimeUnit.SECONDS)).isEqualTo("on time");
        assertThat(cancelled).isCancelled();
    }

    @Test
    void everyPieceRunsExactlyOnceUnderContention() throws Exception {
        int submitters = 4;
        int each = 20_000;
        HandOver handOver = new HandOver(pool(3));
        AtomicIntegerArray runs = new AtomicIntegerArray(submitters * each);
        CountDownLatch done = new CountDownLatch(submitters * each);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < submitters; t++) {
            int base = t * each;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        int slot = base + i;
                        handOver.submit(() -> {
                            runs.incrementAndGet(slot);
                            done.countDown();
                        });
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(failures).isEmpty();
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("runs of piece %d", i).isEqualTo(1);
        }
    }
}
