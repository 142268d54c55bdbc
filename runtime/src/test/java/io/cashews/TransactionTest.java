package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.time.ClockWaits;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@SuppressWarnings("try") // transactions and scopes are opened for their effect
class TransactionTest {

    private final ManualClock clock = new ManualClock();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        cache.close();
    }

    // What another thread, outside the transaction, reads right now.
    private Object elsewhere(String key) throws Exception {
        return threads.submit(() -> cache.<Object>get(key, "<missing>")).get(5, TimeUnit.SECONDS);
    }

    @Test
    void commitAppliesTheBufferedWritesAndNothingIsVisibleBefore() throws Exception {
        cache.set("old", "x");
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(5))) {
            assertThat(cache.set("k", "v")).isTrue();
            cache.setMany(Map.of("m1", 1, "m2", 2), null);
            assertThat(cache.incr("n")).isEqualTo(1);
            assertThat(cache.delete("old")).isTrue();

            assertThat(elsewhere("k")).isEqualTo("<missing>");
            assertThat(elsewhere("m1")).isEqualTo("<missing>");
            assertThat(elsewhere("n")).isEqualTo("<missing>");
            assertThat(elsewhere("old")).isEqualTo("x");

            tx.commit();
        }
        assertThat(elsewhere("k")).isEqualTo("v");
        assertThat(elsewhere("m2")).isEqualTo(2);
        assertThat(elsewhere("n")).isEqualTo(1L);
        assertThat(elsewhere("old")).isEqualTo("<missing>");
    }

    @Test
    void closeWithoutCommitRollsBack() {
        cache.set("keep", "before");
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("keep", "after");
            cache.set("new", 1);
            cache.deleteMatch("*");
        }
        assertThat(cache.<Object>get("keep")).isEqualTo("before");
        assertThat(cache.exists("new")).isFalse();
    }

    @Test
    void readsSeeTheTransactionsOwnWrites() {
        cache.set("b1", "backend");
        cache.set("b2", "backend");
        cache.set("gone", "backend");
        try (CacheTransaction tx = cache.transaction(TransactionMode.FAST, null)) {
            cache.set("t1", "tx", Duration.ofSeconds(30));
            cache.set("b1", "tx");
            cache.delete("gone");

            assertThat(cache.<Object>get("t1")).isEqualTo("tx");
            assertThat(cache.<Object>get("b1")).isEqualTo("tx");
            assertThat(cache.<Object>get("gone", "default")).isEqualTo("default");
            assertThat(cache.getMany("t1", "b1", "b2", "gone", "none")).containsExactly("tx", "tx", "backend", null, null);
            assertThat(cache.exists("t1")).isTrue();
            assertThat(cache.exists("gone")).isFalse();
            assertThat(cache.getExpire("t1")).isEqualTo(30);
            assertThat(cache.getExpire("b1")).isEqualTo(-1);
            assertThat(cache.getExpire("gone")).isEqualTo(-2);
            assertThat(cache.scan("*").collect(Collectors.toSet())).containsExactlyInAnyOrder("t1", "b1", "b2");
            assertThat(cache.getMatch("b*").collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .isEqualTo(Map.of("b1", "tx", "b2", "backend"));
            assertThat(cache.getKeysCount()).isEqualTo(3);
        }
    }

    @Test
    void deleteMatchMasksMatchingKeysUntilTheyAreWrittenAgain() {
        cache.set("user:1", "a");
        cache.set("user:2", "b");
        cache.set("item:1", "c");
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("user:3", "buffered");
            assertThat(cache.deleteMatch("user:*")).isEqualTo(3);
            assertThat(cache.exists("user:1")).isFalse();
            assertThat(cache.exists("user:3")).isFalse();
            assertThat(cache.scan("user:*").count()).isZero();
            cache.set("user:2", "again");
            assertThat(cache.<Object>get("user:2")).isEqualTo("again");
            assertThat(cache.<Object>get("item:1")).isEqualTo("c");
            tx.commit();
        }
        assertThat(cache.scan("*").collect(Collectors.toSet())).containsExactlyInAnyOrder("user:2", "item:1");
        assertThat(cache.<Object>get("user:2")).isEqualTo("again");
    }

    @Test
    void incrCopiesTheBackendValueOnceAndCountsInTheBuffer() {
        cache.set("c", 10);
        cache.set("d", 5);
        try (CacheTransaction tx = cache.transaction()) {
            assertThat(cache.incr("c")).isEqualTo(11);
            assertThat(cache.incr("c", 5, null)).isEqualTo(16);
            cache.delete("d");
            assertThat(cache.incr("d")).isEqualTo(1);
            assertThat(cache.incr("fresh", 3, Duration.ofSeconds(10))).isEqualTo(3);
            assertThat(cache.getExpire("fresh")).isEqualTo(10);
            assertThat(cache.<Object>get("c")).isEqualTo(16L);
            assertThat(cache.get("c", 0L)).isEqualTo(16L);
            tx.commit();
        }
        assertThat(cache.<Object>get("c")).isEqualTo(16L);
        assertThat(cache.<Object>get("d")).isEqualTo(1L);
        assertThat(cache.getExpire("fresh")).isEqualTo(10);
    }

    @Test
    void incrKeepsTheTtlOfACopiedBackendCounter() {
        cache.incr("c", 1, Duration.ofSeconds(20));
        try (CacheTransaction tx = cache.transaction()) {
            cache.incr("c");
            tx.commit();
        }
        assertThat(cache.<Object>get("c")).isEqualTo(2L);
        assertThat(cache.getExpire("c")).isEqualTo(20);
    }

    @Test
    void setWithExistChecksTheBufferAndTheBackendTogether() {
        cache.set("backend", "v");
        cache.set("deleted", "v");
        try (CacheTransaction tx = cache.transaction()) {
            // cashews answered false here (it looked at the buffer only): quirk #13.
            assertThat(cache.set("backend", "w", null, Exist.PRESENT)).isTrue();
            assertThat(cache.set("backend", "x", null, Exist.ABSENT)).isFalse();
            assertThat(cache.set("missing", "w", null, Exist.PRESENT)).isFalse();
            assertThat(cache.set("missing", "w", null, Exist.ABSENT)).isTrue();
            assertThat(cache.set("missing", "again", null, Exist.ABSENT)).isFalse();
            cache.delete("deleted");
            assertThat(cache.set("deleted", "w", null, Exist.PRESENT)).isFalse();
            assertThat(cache.set("deleted", "w", null, Exist.ABSENT)).isTrue();
            tx.commit();
        }
        assertThat(cache.<Object>get("backend")).isEqualTo("w");
        assertThat(cache.<Object>get("missing")).isEqualTo("w");
        assertThat(cache.<Object>get("deleted")).isEqualTo("w");
    }

    @Test
    void commitKeepsMillisecondTtls() {
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("short", 1, Duration.ofMillis(500));
            cache.set("long", 2, Duration.ofMillis(1500));
            clock.advance(Duration.ofMillis(200));
            tx.commit();
        }
        // cashews truncated the remaining TTL to whole seconds and stored "short" forever: quirk #14.
        clock.advance(Duration.ofMillis(299));
        assertThat(cache.exists("short")).isTrue();
        clock.advance(Duration.ofMillis(2));
        assertThat(cache.exists("short")).isFalse();
        assertThat(cache.exists("long")).isTrue();
        clock.advance(Duration.ofMillis(1000));
        assertThat(cache.exists("long")).isFalse();
    }

    @Test
    void aBufferedValueThatExpiresInsideTheTransactionHidesTheOldValue() {
        cache.set("k", "old");
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("k", "new", Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(2));
            assertThat(cache.exists("k")).isFalse();
            assertThat(cache.<Object>get("k")).isNull();
            tx.commit();
        }
        assertThat(cache.exists("k")).isFalse();
    }

    @Test
    void expireInsideATransactionIsBuffered() {
        cache.set("k", "v");
        cache.set("drop", "v");
        try (CacheTransaction tx = cache.transaction()) {
            assertThat(cache.expire("k", Duration.ofSeconds(5))).isTrue();
            assertThat(cache.expire("drop", Duration.ZERO)).isTrue();
            assertThat(cache.expire("missing", Duration.ofSeconds(5))).isFalse();
            assertThat(cache.getExpire("k")).isEqualTo(5);
            assertThat(cache.exists("drop")).isFalse();
            assertThat(cache.getExpire("k")).isEqualTo(5);
            tx.commit();
        }
        assertThat(cache.getExpire("k")).isEqualTo(5);
        assertThat(cache.exists("drop")).isFalse();
    }

    @Test
    void disabledCommandsStayDisabledInsideATransaction() {
        cache.disable(Command.SET);
        try (CacheTransaction tx = cache.transaction()) {
            // cashews buffered writes even when disabled: quirk #15.
            assertThat(cache.set("k", "v")).isFalse();
            try (Scope off = cache.disabling(Command.INCR)) {
                assertThat(cache.incr("n")).isZero();
            }
            tx.commit();
        }
        cache.enable();
        assertThat(cache.exists("k")).isFalse();
        assertThat(cache.exists("n")).isFalse();
    }

    @Test
    void middlewaresSeeTheCommandsAsIssuedAndTheirDisablingHoldsInsideATransaction() {
        List<Command> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        cache.addMiddleware((command, backend, args, next) -> {
            seen.add(command);
            return next.call(args);
        });
        cache.set("before", 0);
        seen.clear();
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("k", "v");
            assertThat(cache.<Object>get("k")).isEqualTo("v");
            cache.disable(Command.SET);
            assertThat(cache.set("off", "v")).isFalse();
            cache.enable(Command.SET);
            assertThat(cache.exists("before")).isTrue();
            tx.commit();
        }
        assertThat(seen).containsSubsequence(Command.SET, Command.GET, Command.SET, Command.EXISTS);
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        assertThat(cache.exists("off")).isFalse();
    }

    @Test
    void aRolledBackDeleteLeavesItsKeyTaggedAndACommittedOneUntagsIt() {
        cache.registerTag("user:{id}", "orders:{id}");
        cache.set("orders:1", "list", Duration.ofMinutes(5), "user:1");
        try (CacheTransaction tx = cache.transaction()) {
            cache.delete("orders:1");
            assertThat(cache.exists("orders:1")).isFalse();
        }
        cache.deleteTags("user:1");
        assertThat(cache.exists("orders:1")).as("still tagged after the rollback").isFalse();

        cache.set("orders:2", "list", Duration.ofMinutes(5), "user:2");
        try (CacheTransaction tx = cache.transaction()) {
            cache.delete("orders:2");
            cache.set("orders:2", "again", Duration.ofMinutes(5), "user:2");
            tx.commit();
        }
        assertThat(cache.<Object>get("orders:2")).isEqualTo("again");
        cache.deleteTags("user:2");
        assertThat(cache.exists("orders:2")).as("re-tagged in the same transaction").isFalse();

        cache.set("orders:3", "list", Duration.ofMinutes(5), "user:3");
        try (CacheTransaction tx = cache.transaction()) {
            cache.delete("orders:3");
            tx.commit();
        }
        assertThat(cache.exists("_tag:user:3")).as("the emptied tag set is gone").isFalse();
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() throws Exception {
        try (CacheTransaction outer = cache.transaction(TransactionMode.LOCKED, null)) {
            try (CacheTransaction inner = cache.transaction(TransactionMode.FAST, null)) {
                cache.set("inner", 1);
                inner.commit();
            }
            String result = cache.transaction(null, null, () -> {
                cache.set("callable", 2);
                return "done";
            });
            assertThat(result).isEqualTo("done");
            assertThat(cache.<Object>get("inner")).isEqualTo(1);
            assertThat(elsewhere("inner")).isEqualTo("<missing>");
            assertThat(elsewhere("callable")).isEqualTo("<missing>");
            outer.commit();
        }
        assertThat(elsewhere("inner")).isEqualTo(1);
        assertThat(elsewhere("callable")).isEqualTo(2);
    }

    @Test
    void anInnerRollbackDiscardsTheSharedBuffer() {
        try (CacheTransaction outer = cache.transaction()) {
            cache.set("a", 1);
            try (CacheTransaction inner = cache.transaction()) {
                inner.rollback();
            }
            cache.set("b", 2);
            outer.commit();
        }
        assertThat(cache.exists("a")).isFalse();
        assertThat(cache.exists("b")).isTrue();
    }

    @Test
    void writesAfterACommitAreBufferedAgainAndRolledBackByClose() {
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("first", 1);
            tx.commit();
            cache.set("second", 2);
        }
        assertThat(cache.exists("first")).isTrue();
        assertThat(cache.exists("second")).isFalse();
    }

    @Test
    void aClosedTransactionCannotCommitAndNoLongerBuffers() {
        CacheTransaction tx = cache.transaction();
        tx.close();
        tx.close();
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
        cache.set("k", "direct");
        assertThat(cache.exists("k")).isTrue();
    }

    @Test
    void theCallableFormCommitsOnReturnAndRollsBackOnException() throws Exception {
        Integer answer = cache.transaction(TransactionMode.SERIALIZABLE, Duration.ofSeconds(1), () -> {
            cache.set("ok", "v");
            return 42;
        });
        assertThat(answer).isEqualTo(42);
        assertThat(cache.exists("ok")).isTrue();

        IOException failure = new IOException("boom");
        assertThatThrownBy(() -> cache.transaction(TransactionMode.LOCKED, null, () -> {
            cache.set("failed", "v");
            throw failure;
        })).isSameAs(failure);
        assertThat(cache.exists("failed")).isFalse();
        assertThat(cache.isLocked(TransactionBackend.KEY_LOCK_PREFIX + "failed")).isFalse();
    }

    @Test
    void aTransactionBelongsToTheThreadThatOpenedIt() throws Exception {
        try (CacheTransaction tx = cache.transaction()) {
            cache.set("mine", 1);
            threads.submit(() -> cache.set("theirs", 2)).get(5, TimeUnit.SECONDS);
            assertThat(elsewhere("theirs")).isEqualTo(2);
            assertThat(elsewhere("mine")).isEqualTo("<missing>");
        }
        assertThat(cache.exists("theirs")).isTrue();
        assertThat(cache.exists("mine")).isFalse();
    }

    @Test
    void asyncCommandsOnTheOwningThreadAreBuffered() throws Exception {
        try (CacheTransaction tx = cache.transaction()) {
            assertThat(cache.async().set("k", "v").get()).isTrue();
            assertThat(cache.async().incr("n").get()).isEqualTo(1L);
            assertThat(cache.async().<Object>get("k").get()).isEqualTo("v");
            assertThat(elsewhere("k")).isEqualTo("<missing>");
            tx.commit();
        }
        assertThat(elsewhere("k")).isEqualTo("v");
    }

    @Test
    void aRolledBackTransactionIsNeverVisibleToAnotherReader() throws Exception {
        cache.set("k", "committed");
        cache.set("n", 5);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Future<?> writer = threads.submit(() -> {
            try (CacheTransaction tx = cache.transaction()) {
                cache.set("k", "uncommitted");
                cache.incr("n", 10, null);
                cache.delete("k2");
                cache.set("extra", 1);
                written.countDown();
                read.await(5, TimeUnit.SECONDS);
                tx.rollback();
            }
            return null;
        });
        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        List<Object> during = cache.getMany("k", "n", "extra");
        read.countDown();
        writer.get(5, TimeUnit.SECONDS);
        assertThat(during).containsExactly("committed", 5, null);
        assertThat(cache.getMany("k", "n", "extra")).containsExactly("committed", 5, null);
    }

    @Test
    void lockedModeHoldsKeyLocksUntilTheEnd() {
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(3))) {
            cache.set("k", 1);
            assertThat(cache.isLocked(TransactionBackend.KEY_LOCK_PREFIX + "k")).isTrue();
            assertThat(cache.getExpire(TransactionBackend.KEY_LOCK_PREFIX + "k")).isEqualTo(3);
            tx.commit();
            assertThat(cache.isLocked(TransactionBackend.KEY_LOCK_PREFIX + "k")).isFalse();
        }
        try (CacheTransaction tx = cache.transaction(TransactionMode.SERIALIZABLE, null)) {
            cache.set("k", 2);
            assertThat(cache.isLocked(TransactionBackend.GLOBAL_LOCK)).isTrue();
        }
        assertThat(cache.isLocked(TransactionBackend.GLOBAL_LOCK)).isFalse();
        try (CacheTransaction tx = cache.transaction(TransactionMode.FAST, null)) {
            cache.set("k", 3);
            assertThat(cache.scan(":*").count()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransactionMode.class, names = {"LOCKED", "SERIALIZABLE"})
    void aLockHeldLongerThanTheTimeoutFailsTheWaitingWriter(TransactionMode mode) throws Exception {
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
        try (CacheTransaction tx = cache.transaction(mode, Duration.ofMillis(100))) {
            // The writer waits on the instance's clock: its timeout passes when the clock moves.
            CompletableFuture<Void> advanced = ClockWaits.advanceWhenWaiting(clock, Duration.ofMillis(100));
            assertThatThrownBy(() -> cache.set("k", "waiter"))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("'k'")
                    .hasMessageContaining("100 ms");
            advanced.get(5, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        holder.get(5, TimeUnit.SECONDS);
        assertThat(cache.<Object>get("k")).isEqualTo("holder");
        try (CacheTransaction tx = cache.transaction(mode, Duration.ofMillis(100))) {
            cache.set("k", "after");
            tx.commit();
        }
        assertThat(cache.<Object>get("k")).isEqualTo("after");
    }

    @Test
    void asyncTransactionsCommitWhenTheStageCompletesOnAnotherThread() throws Exception {
        CompletableFuture<String> gate = new CompletableFuture<>();
        CompletableFuture<String> result = cache.async().transaction(TransactionMode.LOCKED, null, () -> {
            cache.set("started", 1);
            return gate.thenApplyAsync(value -> value, threads);
        });
        assertThat(elsewhere("started")).isEqualTo("<missing>");
        // The transaction left the calling thread when the stage was started.
        cache.set("outside", 2);
        assertThat(elsewhere("outside")).isEqualTo(2);
        gate.complete("done");
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(elsewhere("started")).isEqualTo(1);
        assertThat(cache.isLocked(TransactionBackend.KEY_LOCK_PREFIX + "started")).isFalse();
    }

    @Test
    void asyncTransactionsRollBackWhenTheStageFails() throws Exception {
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<String> result = cache.async().transaction(null, null, () -> {
            cache.set("k", 1);
            return CompletableFuture.supplyAsync(() -> {
                throw failure;
            }, threads);
        });
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasRootCause(failure);
        assertThat(cache.exists("k")).isFalse();
        assertThat(cache.isLocked(TransactionBackend.KEY_LOCK_PREFIX + "k")).isFalse();
    }

    @Test
    void aNonPositiveTimeoutIsRejected() {
        assertThatThrownBy(() -> cache.transaction(TransactionMode.LOCKED, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
    }
}
