package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheMethod.Builder#cancellable}: the asynchronous path of a method whose futures belong
 * to one call (a {@code Mono}'s or {@code Uni}'s subscription). Once every caller waiting for a
 * computation has cancelled, the loader's stage is cancelled and nothing is stored; a caller that
 * cancels while another waits only stops waiting. Continuations run on the calling thread (a
 * direct executor), so every step is over when the call that caused it returns.
 */
class CacheMethodCancellationTest {

    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger loads = new AtomicInteger();
    private final List<CacheEvent> events = new CopyOnWriteArrayList<>();
    // Asynchronous reads wait for this gate, as a remote backend's reply would.
    private CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    // Asynchronous lock attempts wait for this one.
    private CompletableFuture<Void> lockGate = CompletableFuture.completedFuture(null);
    // Asynchronous writes of values wait for this one.
    private CompletableFuture<Void> setGate = CompletableFuture.completedFuture(null);
    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(new ManualClock()).executor(Runnable::run).listener(events::add).build();
        cache.setup("mem://", (command, backend, args, next) -> {
            commands.add(command + " " + args[0]);
            if (next.async() && command == Command.GET) {
                return gate.thenCompose(ignored -> (CompletableFuture<?>) next.call(args));
            }
            if (next.async() && command == Command.SET) {
                return setGate.thenCompose(ignored -> (CompletableFuture<?>) next.call(args));
            }
            if (next.async() && command == Command.SET_LOCK) {
                return lockGate.thenCompose(ignored -> (CompletableFuture<?>) next.call(args));
            }
            return next.call(args);
        });
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private CacheMethod.Builder method() {
        return CacheMethod.builder(cache, "k").ttlMillis(Duration.ofMinutes(10).toMillis()).cancellable(true);
    }

    private CompletableFuture<String> call(CacheMethod method, CompletableFuture<String> stage) {
        return method.callAsync("k", null, () -> {
            loads.incrementAndGet();
            return stage;
        });
    }

    @Test
    void cancellingTheOnlyCallerCancelsTheStageAndStoresNothing() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> caller = call(method().build(), stage);
        caller.cancel(false);
        assertThat(stage).isCancelled();
        assertThat(commands).doesNotContain("SET k");
        assertThat(cache.exists("k")).isFalse();
    }

    @Test
    void withoutProtectACancellationAlsoReachesTheStage() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        call(method().protect(false).build(), stage).cancel(false);
        assertThat(stage).isCancelled();
        assertThat(commands).doesNotContain("SET k");
    }

    @Test
    void underTheBackendLockACancellationReleasesTheLock() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> caller = call(method().lock(true).build(), stage);
        assertThat(cache.isLocked("lock:k")).isTrue();
        caller.cancel(false);
        assertThat(stage).isCancelled();
        assertThat(cache.isLocked("lock:k")).isFalse();
        assertThat(commands).doesNotContain("SET k");
    }

    @Test
    void aLockTakenByAnAttemptThatOutlivedItsCancelledWaitIsGivenBack() {
        lockGate = new CompletableFuture<>();
        CompletableFuture<String> caller = call(method().lock(true).build(), new CompletableFuture<>());
        caller.cancel(false);
        lockGate.complete(null);
        assertThat(loads).hasValue(0);
        assertThat(commands).contains("SET_LOCK lock:k", "UNLOCK lock:k");
        assertThat(cache.isLocked("lock:k")).isFalse();
    }

    @Test
    void aCancelledWaitForAnotherHoldersLockNeverComputes() {
        assertThat(cache.setLock("lock:k", "other", Duration.ofMinutes(1))).isTrue();
        CompletableFuture<String> caller = call(method().lock(true).build(), new CompletableFuture<>());
        caller.cancel(false);
        cache.unlock("lock:k", "other");
        assertThat(loads).hasValue(0);
        assertThat(cache.isLocked("lock:k")).isFalse();
        assertThat(commands).doesNotContain("SET k");
    }

    @Test
    void aCallerThatCancelsWhileAnotherWaitsOnlyStopsWaiting() throws Exception {
        CacheMethod method = method().build();
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> first = call(method, stage);
        CompletableFuture<String> second = call(method, stage);
        first.cancel(false);
        assertThat(stage).isNotDone();
        stage.complete("v");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(loads).hasValue(1);
        assertThat(cache.<String>get("k")).isEqualTo("v");
    }

    @Test
    void aCallerAfterEveryOtherCancelledStartsAnotherComputation() throws Exception {
        CacheMethod method = method().build();
        CompletableFuture<String> abandoned = new CompletableFuture<>();
        call(method, abandoned).cancel(false);
        CompletableFuture<String> next = call(method, CompletableFuture.completedFuture("again"));
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("again");
        assertThat(loads).hasValue(2);
        assertThat(cache.<String>get("k")).isEqualTo("again");
    }

    @Test
    void aCancellationDuringTheLookupNeverCallsTheLoader() {
        gate = new CompletableFuture<>();
        CompletableFuture<String> caller = call(method().build(), new CompletableFuture<>());
        caller.cancel(false);
        gate.complete(null);
        assertThat(loads).hasValue(0);
        assertThat(commands).containsExactly("GET k");
    }

    @Test
    void aCancellationAfterAnAsynchronousLookupReachesTheStage() {
        gate = new CompletableFuture<>();
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> caller = call(method().build(), stage);
        gate.complete(null);
        assertThat(loads).hasValue(1);
        caller.cancel(false);
        assertThat(stage).isCancelled();
        assertThat(commands).doesNotContain("SET k");
    }

    @Test
    void aCancelledStageIsNeverStoredAsAnException() {
        CacheMethod method = method().withExceptions(RuntimeException.class).build();
        CompletableFuture<String> stage = new CompletableFuture<>();
        call(method, stage).cancel(false);
        assertThat(stage).isCancelled();
        assertThat(cache.exists("k")).isFalse();
    }

    @Test
    void withoutCancellableACancelledCallerStillStoresTheResult() throws Exception {
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(Duration.ofMinutes(10).toMillis()).build();
        CompletableFuture<String> stage = new CompletableFuture<>();
        call(method, stage).cancel(false);
        assertThat(stage).isNotDone();
        stage.complete("kept");
        assertThat(cache.<String>get("k")).isEqualTo("kept");
    }

    /** The events of one kind as "outcome" strings, in order. */
    private List<String> outcomes(CacheEvent.Kind kind) {
        List<String> out = new ArrayList<>();
        for (CacheEvent event : events) {
            if (event.kind() == kind) {
                out.add(String.valueOf(event.outcome()));
            }
        }
        return out;
    }

    @Test
    void aCancelledLockWaitIsNotReportedAsATimeout() {
        // Another holder keeps the lock: the caller waits, then gives up by cancelling.
        assertThat(cache.setLock("lock:k", "other", Duration.ofMinutes(1))).isTrue();
        CompletableFuture<String> caller = call(method().lock(true).build(), new CompletableFuture<>());
        caller.cancel(false);
        cache.unlock("lock:k", "other");
        assertThat(outcomes(CacheEvent.Kind.LOCK_WAIT)).doesNotContain(CacheEvent.TIMEOUT);
        assertThat(events).allMatch(CacheEvent::success);
    }

    @Test
    void aLoaderCancelledBecauseEveryCallerLeftIsNotReportedAsAFailedLoad() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        call(method().build(), stage).cancel(false);
        assertThat(stage).isCancelled();
        assertThat(outcomes(CacheEvent.Kind.LOAD)).doesNotContain(CacheEvent.FAILURE);
        assertThat(events).allMatch(CacheEvent::success);
    }

    @Test
    void aLoaderThatFailsOnItsOwnIsStillReportedAsAFailedLoad() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> caller = call(method().build(), stage);
        stage.completeExceptionally(new IllegalStateException("down"));
        assertThat(caller).isCompletedExceptionally();
        assertThat(outcomes(CacheEvent.Kind.LOAD)).containsExactly(CacheEvent.FAILURE);
    }

    @Test
    void aCancellationWhileTheResultIsBeingStoredLeavesTheOtherCallerItsValue() throws Exception {
        setGate = new CompletableFuture<>();
        CacheMethod method = method().build();
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> first = call(method, stage);
        CompletableFuture<String> second = call(method, stage);
        // The delegate answered; its value is on its way to the backend when the first caller leaves.
        stage.complete("v");
        assertThat(commands).contains("SET k");
        first.cancel(false);
        assertThat(second).isNotDone();
        setGate.complete(null);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(loads).hasValue(1);
        assertThat(cache.<String>get("k")).isEqualTo("v");
        assertThat(outcomes(CacheEvent.Kind.LOAD)).containsExactly(CacheEvent.SUCCESS);
    }

    @Test
    void theLastCallerCancellingWhileTheResultIsBeingStoredLeavesNoFlightBehind() throws Exception {
        setGate = new CompletableFuture<>();
        CacheMethod method = method().build();
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<String> only = call(method, stage);
        stage.complete("v");
        only.cancel(false);
        // The write that had started still lands; the next caller reads it instead of waiting for the dropped run.
        setGate.complete(null);
        assertThat(cache.<String>get("k")).isEqualTo("v");
        CompletableFuture<String> next = call(method, CompletableFuture.completedFuture("other"));
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(loads).hasValue(1);
    }
}
