package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.spi.Backend;
import io.cashews.spi.BackendCall;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BackendProvider;
import io.cashews.spi.ForwardingBackend;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, D7: a commit that did not complete says so. A {@code flaky://} backend over
 * {@code mem://} fails every write after the first {@code landing} ones, the way a connection lost
 * midway does: answering {@code false} (a suppressing backend) or throwing (suppress=false), and
 * it fails releases too.
 */
@SuppressWarnings("try")
class CommitFailureTest {

    private final ManualClock clock = new ManualClock();
    private final Flaky flaky = new Flaky();
    private Cashews memory;
    private Cashews cache;

    @BeforeEach
    void setUp() {
        memory = Cashews.builder().clock(clock).build();
        flaky.store = memory.setup("mem://");
        cache = Cashews.builder().clock(clock).provider(flaky).build();
        cache.setup("flaky://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
        memory.close();
    }

    private void writeTen() {
        for (int i = 0; i < 10; i++) {
            cache.set("k" + i, i);
        }
    }

    @Test
    void aSuppressedWriteFailureFailsTheCommit() {
        try (CacheTransaction tx = cache.transaction(TransactionMode.FAST, null)) {
            writeTen();
            flaky.landing.set(4);
            assertThatThrownBy(tx::commit).isInstanceOf(CacheBackendInteractionException.class)
                    .hasMessageContaining("6 of 10 writes failed").hasMessageContaining("not atomic");
        }
        assertThat(memory.scan("k*").count()).as("what landed stays").isEqualTo(4);
    }

    @Test
    void aFailedReleaseDoesNotHideWhyTheCommitFailed() {
        flaky.throwing = true;
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, null)) {
            writeTen();
            flaky.landing.set(4);
            assertThatThrownBy(tx::commit).isInstanceOf(CacheBackendInteractionException.class)
                    .hasMessageContaining("6 of 10 writes failed")
                    .hasRootCauseMessage("connection lost while writing k4")
                    .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement()
                            .satisfies(unlock -> assertThat(unlock).hasMessageContaining("unlock")));
        }
        // Every release was tried: the first failed, the others went through.
        assertThat(memory.scan(":tx_lock:*").toList()).containsExactly(":tx_lock:k0");
    }

    @Test
    void aCommitThatWroteEverythingReturns() {
        try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(5))) {
            writeTen();
            tx.commit();
        }
        assertThat(memory.scan("k*").count()).isEqualTo(10);
        assertThat(memory.scan(":*").count()).isZero();
    }

    /** Serves {@code flaky://}: the shared store, failing writes once {@link #landing} ran out. */
    static final class Flaky implements BackendProvider {
        Backend store;
        // Writes that still land; negative: all of them.
        final AtomicInteger landing = new AtomicInteger(-1);
        volatile boolean throwing;
        private final AtomicInteger unlocks = new AtomicInteger();

        @Override
        public Set<String> schemes() {
            return Set.of("flaky");
        }

        @Override
        public Set<String> optionNames() {
            return Set.of();
        }

        @Override
        public Backend create(BackendContext context) {
            return new ForwardingBackend(store) {
                @Override
                protected @Nullable Object intercept(BackendCall call) {
                    boolean fails = switch (call.command()) {
                        case SET -> landing.get() >= 0 && landing.getAndUpdate(n -> Math.max(0, n - 1)) == 0;
                        // The first release fails, once a write failed.
                        case UNLOCK -> landing.get() == 0 && unlocks.getAndIncrement() == 0;
                        default -> false;
                    };
                    if (!fails) {
                        return call.run(delegate());
                    }
                    if (!throwing) {
                        return call.async() ? CompletableFuture.completedFuture(false) : false;
                    }
                    CacheBackendInteractionException lost = new CacheBackendInteractionException(
                            "connection lost while " + (call.command() == Command.SET ? "writing " : "trying to unlock ")
                                    + call.args()[0]);
                    if (call.async()) {
                        return CompletableFuture.failedFuture(lost);
                    }
                    throw lost;
                }

                @Override
                public void close() {
                    // The store belongs to the test.
                }
            };
        }
    }
}
