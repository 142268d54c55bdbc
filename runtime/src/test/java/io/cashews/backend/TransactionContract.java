package io.cashews.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheTransaction;
import io.cashews.Cashews;
import io.cashews.Exist;
import io.cashews.LockedException;
import io.cashews.TransactionMode;
import io.cashews.time.ClockWaits;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transactions as every backend must support them, seen through {@link Cashews}: buffering,
 * reads of the transaction's own writes, commit with millisecond TTLs, rollback, locks and
 * cashews' isolation test. A backend module subclasses this as it does {@link BackendContract}.
 */
@SuppressWarnings("try") // transactions are opened for their effect
public abstract class TransactionContract {

    /** The clock given to {@link #createCache(ManualClock)}. */
    protected ManualClock clock;
    /** The instance under test. */
    protected Cashews cache;
    private ExecutorService threads;

    /**
     * Creates a set-up instance reading {@code clock}, with an empty backend.
     *
     * @param clock the clock the backend's expiry must follow
     * @return the instance
     */
    protected abstract Cashews createCache(ManualClock clock);

    /**
     * Lets time pass for the backend.
     *
     * @param amount how much
     */
    protected void advance(Duration amount) {
        clock.advance(amount);
    }

    @BeforeEach
    void openCache() {
        clock = new ManualClock();
        cache = createCache(clock);
        cache.clear();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void closeCache() {
        threads.shutdownNow();
        cache.close();
    }

    private Object elsewhere(String key) throws Exception {
        return threads.submit(() -> cache.<Object>get(key, "<missing>")).get(5, TimeUnit.SECONDS);
    }

    private long number(String key) {
        return ((Number) cache.<Object>get(key, 0L)).longValue();
    }

    @Test
    void commitAppliesAndRollbackDiscards() throws Exception {
        cache.set("old", "x");
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("k", "v", Duration.ofMinutes(1));
            cache.incr("n", 2, null);
            cache.delete("old");
            assertThat(elsewhere("k")).isEqualTo("<missing>");
            assertThat(elsewhere("old")).isEqualTo("x");
            tx.commit();
        }
        assertThat(elsewhere("k")).isEqualTo("v");
        assertThat(number("n")).isEqualTo(2);
        assertThat(cache.exists("old")).isFalse();

        try (CacheTransaction tx = cache.transaction()) {
            cache.set("k", "changed");
            cache.deleteMatch("*");
        }
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        assertThat(number("n")).isEqualTo(2);
    }

    @Test
    void readsSeeTheTransactionsWrites() {
        cache.set("a", "backend");
        cache.set("b", "backend");
        cache.incr("c", 5, null);
        try (CacheTransaction tx = cache.transaction(TransactionMode.FAST, null)) {
            cache.set("a", "tx");
            cache.delete("b");
            assertThat(cache.incr("c")).isEqualTo(6);
            assertThat(cache.getMany("a", "b", "none")).containsExactly("tx", null, null);
            assertThat(cache.exists("b")).isFalse();
            assertThat(cache.getExpire("b")).isEqualTo(-2);
            assertThat(cache.set("a", "present", null, Exist.PRESENT)).isTrue();
            assertThat(cache.set("b", "absent", null, Exist.ABSENT)).isTrue();
            assertThat(cache.scan("*").sorted().toList()).containsExactly("a", "b", "c");
            assertThat(cache.deleteMatch("[ab]")).isEqualTo(2);
            assertThat(cache.scan("*").toList()).containsExactly("c");
            tx.commit();
        }
        assertThat(cache.scan("*").toList()).containsExactly("c");
        assertThat(number("c")).isEqualTo(6);
    }

    @Test
    void asyncReadsMergeTheBufferOverTheBackend() throws Exception {
        cache.set("backend", "b", Duration.ofMinutes(2));
        cache.set("gone", "g");
        try (CacheTransaction tx = cache.transaction()) {
            cache.async().set("buffered", "t", Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
            cache.async().delete("gone").get(5, TimeUnit.SECONDS);
            assertThat(cache.async().<Object>get("buffered").get(5, TimeUnit.SECONDS)).isEqualTo("t");
            assertThat(cache.async().<Object>get("backend").get(5, TimeUnit.SECONDS)).isEqualTo("b");
            assertThat(cache.async().<Object>get("gone", "none").get(5, TimeUnit.SECONDS)).isEqualTo("none");
            assertThat(cache.async().exists("buffered").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cache.async().exists("backend").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cache.async().exists("gone").get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(cache.async().getExpire("buffered").get(5, TimeUnit.SECONDS)).isEqualTo(60);
            assertThat(cache.async().getExpire("backend").get(5, TimeUnit.SECONDS)).isEqualTo(120);
            assertThat(cache.async().getExpire("gone").get(5, TimeUnit.SECONDS)).isEqualTo(-2);
            assertThat(elsewhere("buffered")).isEqualTo("<missing>");
            tx.commit();
        }
        assertThat(elsewhere("buffered")).isEqualTo("t");
        assertThat(elsewhere("gone")).isEqualTo("<missing>");
    }

    @Test
    void committedTtlsKeepMilliseconds() {
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("short", "v", Duration.ofMillis(800));
            advance(Duration.ofMillis(300));
            tx.commit();
        }
        assertThat(cache.exists("short")).isTrue();
        assertThat(cache.getExpire("short")).isBetween(0L, 1L);
        advance(Duration.ofMillis(501));
        assertThat(cache.exists("short")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = TransactionMode.class, names = {"LOCKED", "SERIALIZABLE"})
    void aWriterWaitsAtMostItsTimeoutForALock(TransactionMode mode) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            try (CacheTransaction tx = cache.transaction(mode, Duration.ofSeconds(10))) {
                cache.set("k", "holder");
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
                tx.commit();
            }
            return null;
        });
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        try {
            // The writer waits on the instance's clock: its timeout passes when the clock moves.
            CompletableFuture<Void> advanced = ClockWaits.advanceWhenWaiting(clock, Duration.ofMillis(100));
            assertThatThrownBy(() -> cache.transaction(mode, Duration.ofMillis(100), () -> cache.set("k", "waiter")))
                    .isInstanceOf(LockedException.class);
            advanced.get(5, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        holder.get(5, TimeUnit.SECONDS);
        assertThat(cache.<Object>get("k")).isEqualTo("holder");
        assertThat(cache.scan(":*").count()).as("locks released").isZero();
    }

    /** cashews' isolation test: 4 transactions doing incr, set, (one fails), incr. */
    @ParameterizedTest
    @EnumSource(TransactionMode.class)
    void fourConcurrentTransactions(TransactionMode mode) throws Exception {
        // FAST: all copy the counter before any commits (lost updates, 2); the locking modes
        // serialize on the counter's lock, so they cannot meet at a barrier (6).
        CyclicBarrier copied = new CyclicBarrier(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean fail = i == 1;
            runs.add(threads.submit(() -> {
                start.await();
                try {
                    cache.transaction(mode, Duration.ofSeconds(10), () -> {
                        cache.incr("counter");
                        if (mode == TransactionMode.FAST) {
                            copied.await(5, TimeUnit.SECONDS);
                        }
                        cache.set("key", "value");
                        if (fail) {
                            throw new IllegalStateException("fails");
                        }
                        cache.incr("counter");
                        return null;
                    });
                } catch (IllegalStateException expected) {
                    assertThat(fail).isTrue();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get(20, TimeUnit.SECONDS);
        }
        assertThat(number("counter")).isEqualTo(mode == TransactionMode.FAST ? 2 : 6);
        assertThat(cache.<Object>get("key")).isEqualTo("value");
        assertThat(cache.scan(":*").count()).as("no lock left behind").isZero();
    }

    // ---------------------------------------------------------------- issue 20

    // Moves time for the backend in steps while at least `waiters` threads wait on the clock,
    // until `done` holds; a step only once they all parked again, so each sees every step.
    private void stepWhileWaiting(int waiters, Duration step, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (clock.waiting() >= waiters) {
                advance(step);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the waits never ended");
            }
            Thread.onSpinWait();
        }
    }

    /** D3: opposite-order writers; the first wait to time out fails, the other transaction commits whole. */
    @Test
    void aDeadlockEndsInOneLockedExceptionNeverInTwoCommits() throws Exception {
        TransactionMode mode = TransactionMode.LOCKED;
        CountDownLatch aHeld = new CountDownLatch(1);
        CountDownLatch bHeld = new CountDownLatch(1);
        CountDownLatch t2Goes = new CountDownLatch(1);
        Duration timeout = Duration.ofSeconds(10);
        Future<String> t1 = threads.submit(() -> {
            try {
                cache.transaction(mode, timeout, () -> {
                    cache.set("dl:a", "T1");
                    aHeld.countDown();
                    bHeld.await(5, TimeUnit.SECONDS);
                    cache.set("dl:b", "T1");
                    return null;
                });
                return "committed";
            } catch (LockedException e) {
                return "locked";
            }
        });
        Future<String> t2 = threads.submit(() -> {
            try {
                cache.transaction(mode, timeout, () -> {
                    cache.set("dl:b", "T2");
                    bHeld.countDown();
                    aHeld.await(5, TimeUnit.SECONDS);
                    t2Goes.await(5, TimeUnit.SECONDS);
                    cache.set("dl:a", "T2");
                    return null;
                });
                return "committed";
            } catch (LockedException e) {
                return "locked";
            }
        });
        // T1 waits for b first; T2 starts waiting for a one second later.
        ClockWaits.awaitWaiting(clock, 1);
        advance(Duration.ofSeconds(1));
        t2Goes.countDown();
        stepWhileWaiting(2, Duration.ofMillis(100), t1::isDone);
        assertThat(t1.get(5, TimeUnit.SECONDS)).isEqualTo("locked");
        // T1's rollback released a: T2 takes it without the clock moving, and commits.
        assertThat(t2.get(5, TimeUnit.SECONDS)).isEqualTo("committed");
        assertThat(cache.getMany("dl:a", "dl:b")).containsExactly("T2", "T2");
        assertThat(cache.scan(":*").count()).as("locks released").isZero();
    }

    /** D3: a failed lock wait releases the transaction's locks at once, and the transaction can only roll back. */
    @Test
    void aFailedLockWaitGivesTheTransactionsLocksUpAtOnce() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(10))) {
                cache.set("b", "holder");
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return null;
        });
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(1))) {
            cache.set("a", "waiter");
            assertThat(cache.isLocked(":tx_lock:a")).isTrue();
            // In steps, so that the wait extends the lock it holds before it times out.
            AtomicBoolean failed = new AtomicBoolean();
            Future<?> stepping = threads.submit(() -> {
                stepWhileWaiting(1, Duration.ofMillis(100), failed::get);
                return null;
            });
            assertThatThrownBy(() -> cache.set("b", "waiter")).isInstanceOf(LockedException.class)
                    .hasMessageContaining("within its timeout");
            failed.set(true);
            stepping.get(5, TimeUnit.SECONDS);
            assertThat(cache.isLocked(":tx_lock:a")).as("released before the transaction ends").isFalse();
            assertThatThrownBy(() -> cache.set("c", "waiter")).isInstanceOf(LockedException.class)
                    .hasMessageContaining("gave up its locks");
            assertThatThrownBy(tx::commit).isInstanceOf(LockedException.class);
        } finally {
            release.countDown();
        }
        holder.get(5, TimeUnit.SECONDS);
        assertThat(cache.getMany("a", "b", "c")).containsExactly(null, null, null);
        assertThat(cache.scan(":*").count()).as("locks released").isZero();
    }

    /** D3: a transaction idle past its timeout lost its lock to another one; it must not commit over it. */
    @Test
    void aTransactionThatOutlivedItsLockFailsToCommitInsteadOfLosingAnUpdate() throws Exception {
        try (CacheTransaction slow = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(10))) {
            assertThat(cache.incr("n")).isEqualTo(1);
            advance(Duration.ofSeconds(15));
            // The slow transaction's lock has expired: the other one takes it at once.
            threads.submit(() -> cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(10),
                    () -> cache.incr("n"))).get(5, TimeUnit.SECONDS);
            assertThat(number("n")).isEqualTo(1);

            assertThatThrownBy(slow::commit).isInstanceOf(LockedException.class).hasMessageContaining("lost its lock");
        }
        assertThat(number("n")).as("the other transaction's increment stands").isEqualTo(1);
        assertThat(cache.scan(":*").count()).as("locks released").isZero();
    }

    /** D3: writes extend the locks of a transaction that runs longer than its timeout. */
    @Test
    void aTransactionThatKeepsWritingKeepsItsLocksPastItsTimeout() throws Exception {
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(10))) {
            cache.set("a", "long");
            advance(Duration.ofSeconds(6));
            cache.set("b", "long");
            advance(Duration.ofSeconds(6));

            CompletableFuture<Void> advanced = ClockWaits.advanceWhenWaiting(clock, Duration.ofSeconds(1));
            assertThatThrownBy(() -> threads.submit(() -> cache.transaction(TransactionMode.LOCKED,
                    Duration.ofSeconds(1), () -> cache.set("a", "other"))).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LockedException.class);
            advanced.get(5, TimeUnit.SECONDS);
            tx.commit();
        }
        assertThat(cache.getMany("a", "b")).containsExactly("long", "long");
        assertThat(cache.scan(":*").count()).as("locks released").isZero();
    }

    /** D5: incr copies the key's TTL to the millisecond; 400 ms left used to delete the key. */
    @Test
    void incrOfAKeyWithLessThanASecondLeftKeepsItsMilliseconds() {
        cache.set("short", 5L, Duration.ofMillis(400));
        cache.set("longer", 5L, Duration.ofMillis(1_400));
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, null)) {
            assertThat(cache.incr("short")).isEqualTo(6);
            assertThat(cache.incr("longer")).isEqualTo(6);
            assertThat(number("short")).isEqualTo(6);
            tx.commit();
        }
        assertThat(number("short")).isEqualTo(6);
        advance(Duration.ofMillis(300));
        assertThat(cache.exists("short")).isTrue();
        advance(Duration.ofMillis(150));
        assertThat(cache.exists("short")).isFalse();
        advance(Duration.ofMillis(800));
        assertThat(number("longer")).as("1,250 ms later").isEqualTo(6);
        advance(Duration.ofMillis(200));
        assertThat(cache.exists("longer")).isFalse();
    }

    /** D6: expire of keys that hold no plain value is buffered like every other write. */
    @Test
    void aRolledBackExpireLeavesATagSetAndRawTextAsTheyWere() {
        cache.setAdd("_tag:t1", Duration.ofHours(1), "k1");
        cache.setRaw("raw", "hello");
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, null)) {
            assertThat(cache.expire("_tag:t1", Duration.ofSeconds(30))).isTrue();
            assertThat(cache.expire("raw", Duration.ofSeconds(30))).isTrue();
            assertThat(cache.getExpire("_tag:t1")).isEqualTo(30);
            assertThat(cache.expire("missing", Duration.ofSeconds(30))).isFalse();
        }
        assertThat(cache.getExpire("_tag:t1")).isEqualTo(3600);
        assertThat(cache.getExpire("raw")).isEqualTo(-1);

        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, null)) {
            assertThat(cache.expire("_tag:t1", Duration.ZERO)).isTrue();
            assertThat(cache.exists("_tag:t1")).isFalse();
        }
        assertThat(cache.setMembers("_tag:t1")).containsExactly("k1");

        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, null)) {
            cache.expire("_tag:t1", Duration.ofSeconds(30));
            cache.expire("raw", Duration.ofSeconds(20));
            tx.commit();
        }
        assertThat(cache.getExpire("_tag:t1")).isEqualTo(30);
        assertThat(cache.getExpire("raw")).isEqualTo(20);
        assertThat(cache.scan(":*").count()).as("locks released").isZero();
    }
}
