package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.spi.Backend;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The atomic backend commands ({@code getAndSet}, {@code compareAndSet}, {@code deleteIfEquals},
 * {@code getAndDelete}) through the facade's own wrappers over a real memory backend: a
 * transaction's buffer decides them on its view and writes at commit; the middleware chain shows
 * them to middlewares and answers them as disabled when switched off.
 */
class AtomicCommandsWrappersTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();
    private Cashews cache;
    private Backend memory;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        memory = cache.setup("mem://?check_interval=0");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private TransactionBackend buffer(TransactionMode mode) {
        return new TransactionBackend(new Transaction(cache, mode, Duration.ofSeconds(30)), memory);
    }

    @Test
    void aTransactionReadsItsOwnWritesAndWritesAtCommit() {
        TransactionBackend tx = buffer(TransactionMode.FAST);
        tx.set("k", "a", null, Exist.ANY);
        assertThat(tx.getAndSet("k", "b", null, false)).as("the buffered value").isEqualTo("a");
        assertThat(tx.compareAndSet("k", "x", "y", null, false)).isFalse();
        assertThat(tx.compareAndSet("k", "b", "c", MINUTE, false)).isTrue();
        assertThat(tx.compareAndSet("k", null, "d", null, false)).as("present in the buffer").isFalse();
        assertThat(tx.get("k")).isEqualTo("c");
        assertThat(memory.exists("k")).as("nothing written before the commit").isFalse();

        memory.set("gone", "old", null, Exist.ANY);
        assertThat(tx.getAndDelete("gone")).isEqualTo("old");
        assertThat(tx.getAndDelete("gone")).as("deleted in the view").isNull();
        assertThat(tx.compareAndSet("gone", null, "again", null, false)).isTrue();
        assertThat(tx.deleteIfEquals("gone", "other")).isFalse();
        assertThat(tx.deleteIfEquals("gone", "again")).isTrue();
        assertThat(memory.get("gone")).isEqualTo("old");

        tx.prepare();
        tx.apply();
        assertThat(memory.get("k")).isEqualTo("c");
        assertThat(memory.getExpireMillis("k")).isEqualTo(60_000);
        assertThat(memory.exists("gone")).isFalse();
    }

    @Test
    void aTransactionKeepsTheBackendsTtlAndComparesItsValues() {
        memory.set("k", new ArrayList<>(List.of("a")), Duration.ofSeconds(100), Exist.ANY);
        clock.advance(Duration.ofSeconds(40));
        TransactionBackend tx = buffer(TransactionMode.FAST);
        assertThat(tx.compareAndSet("k", new ArrayList<>(List.of("b")), "no", null, true)).isFalse();
        assertThat(tx.compareAndSet("k", new ArrayList<>(List.of("a")), "yes", MINUTE, true)).isTrue();
        assertThat(tx.getAndSet("k", "again", null, true)).isEqualTo("yes");
        tx.apply();
        assertThat(memory.get("k")).isEqualTo("again");
        assertThat(memory.getExpireMillis("k")).as("the 60 s left of the backend's TTL").isEqualTo(60_000);
    }

    @Test
    void aRolledBackTransactionLeavesTheBackendAsItWas() {
        memory.set("k", "v", null, Exist.ANY);
        TransactionBackend tx = buffer(TransactionMode.LOCKED);
        assertThat(tx.getAndSet("k", "w", null, false)).isEqualTo("v");
        assertThat(memory.isLocked(TransactionBackend.KEY_LOCK_PREFIX + "k")).as("locked like set").isTrue();
        assertThat(tx.deleteIfEquals("k", "w")).isTrue();
        tx.reset();
        assertThat(memory.get("k")).isEqualTo("v");
        assertThat(memory.isLocked(TransactionBackend.KEY_LOCK_PREFIX + "k")).isFalse();
    }

    @Test
    void aSetInTheBackendIsPresentForACompareWithNull() {
        memory.setAdd("s", null, "m");
        TransactionBackend tx = buffer(TransactionMode.FAST);
        assertThat(tx.compareAndSet("s", null, "v", null, false)).isFalse();
        assertThat(tx.deleteIfEquals("s", "m")).isFalse();
    }

    @Test
    void middlewaresSeeTheCommandsWithTheirArguments() {
        List<String> seen = new ArrayList<>();
        Middleware recording = (command, backend, args, next) -> {
            seen.add(command + " " + java.util.Arrays.toString(args));
            return next.call(args);
        };
        ChainedBackend chained = new ChainedBackend(cache, memory, List.of(recording), false);
        assertThat(chained.getAndSet("k", "v", MINUTE, true)).isNull();
        assertThat(chained.compareAndSetAsync("k", "v", "w", null, false).join()).isTrue();
        assertThat(chained.deleteIfEquals("k", "w")).isTrue();
        assertThat(chained.getAndDeleteAsync("k").join()).isNull();
        assertThat(seen).containsExactly("GET_AND_SET [k, v, PT1M, true]", "COMPARE_AND_SET [k, v, w, null, false]",
                "DELETE_IF_EQUALS [k, w]", "GET_AND_DELETE [k]");
    }

    @Test
    void disabledCommandsChangeNothingAndAnswerAsMisses() {
        memory.set("k", "v", null, Exist.ANY);
        ChainedBackend chained = new ChainedBackend(cache, memory, List.of(), false);
        cache.disable(Command.GET_AND_SET, Command.COMPARE_AND_SET, Command.DELETE_IF_EQUALS, Command.GET_AND_DELETE);
        assertThat(chained.getAndSet("k", "w", null, false)).isNull();
        assertThat(chained.compareAndSet("k", "v", "w", null, false)).isFalse();
        assertThat(chained.deleteIfEqualsAsync("k", "v").join()).isFalse();
        assertThat(chained.getAndDelete("k")).isNull();
        assertThat(memory.get("k")).isEqualTo("v");

        cache.enable(Command.GET_AND_DELETE);
        assertThat(chained.getAndDelete("k")).isEqualTo("v");
    }
}
