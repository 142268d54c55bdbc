package io.cashews.base;

import io.cashews.time.CacheClock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one wait for a lock, shared by {@code Cashews.lock}, {@code @Cache(lock = true)},
 * {@code @Locked} and transactions, with the one source of lock values ({@link #newToken()}).
 *
 * <p>A wait repeats an attempt, which its caller supplies (take the lock; a strategy also re-reads
 * the cache), until the attempt answers something other than {@code null}. Between attempts it
 * pauses on the instance's {@link CacheClock} (so a test's {@code ManualClock} moves it by being
 * advanced), a pause growing from {@code firstPauseNanos} to {@code maxPauseNanos}; a release in
 * this JVM ({@link #released(String)}) ends the pause at once. Once {@code timeoutNanos} have
 * passed since the wait began it ends with the caller's {@link Failure}: this package knows no
 * exception of {@code io.cashews}, so callers map the ending to theirs.
 *
 * <p>The synchronous form parks the calling thread; the asynchronous one never blocks a thread and
 * never completes its future on the thread that completed an attempt's stage later (a backend's
 * I/O thread): what the caller attaches, user code, then runs on the executor.
 */
public final class LockWait {

    /** A timeout that never ends the wait. */
    public static final long FOREVER = Long.MAX_VALUE;

    // Lock values: unique per lock across processes without asking SecureRandom on every wait.
    private static final String PROCESS_TOKEN = UUID.randomUUID().toString();
    private static final AtomicLong TOKENS = new AtomicLong();

    // Waits in this JVM by lock key, so that a release here ends their pause. A key shared by
    // two instances or backends only wakes a waiter needlessly: it tries again and pauses again.
    private static final ConcurrentHashMap<String, List<Runnable>> WAITERS = new ConcurrentHashMap<>();

    private final CacheClock clock;
    private final Executor executor;
    private final long firstPauseNanos;
    private final long maxPauseNanos;
    private final long timeoutNanos;

    /**
     * Sets up how waits pace themselves and when they give up; one instance serves any number of
     * waits, concurrently.
     *
     * @param clock the clock pauses and the timeout are measured on
     * @param executor where asynchronous waits continue
     * @param firstPauseNanos the pause after the first failed attempt; positive
     * @param maxPauseNanos the longest pause, reached by doubling; at least {@code firstPauseNanos}
     * @param timeoutNanos how long a wait goes on at most; positive, or {@link #FOREVER}
     * @throws IllegalArgumentException if a bound is out of range
     */
    public LockWait(CacheClock clock, Executor executor, long firstPauseNanos, long maxPauseNanos, long timeoutNanos) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (firstPauseNanos <= 0 || maxPauseNanos < firstPauseNanos || timeoutNanos <= 0) {
            throw new IllegalArgumentException("lock wait needs 0 < firstPause <= maxPause and a positive timeout: "
                    + firstPauseNanos + ", " + maxPauseNanos + ", " + timeoutNanos + " ns");
        }
        this.firstPauseNanos = firstPauseNanos;
        this.maxPauseNanos = maxPauseNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Returns a lock value unique across every lock taken by any process: a per-process random
     * part and a counter.
     *
     * @return a fresh value
     */
    public static String newToken() {
        return PROCESS_TOKEN + ':' + TOKENS.incrementAndGet();
    }

    /**
     * Tells waits in this JVM for {@code key} that its lock was released, so that they try again
     * now instead of after their pause. Called by every release; harmless when nobody waits.
     *
     * @param key the lock key
     */
    public static void released(String key) {
        List<Runnable> waiting = WAITERS.get(key);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    /** How a wait ended without its lock. */
    public enum Ending {
        /** The timeout passed. */
        TIMED_OUT,
        /** The waiting thread was interrupted; its interrupt flag is kept. */
        INTERRUPTED
    }

    /** Turns the end of a wait into the caller's exception. */
    @FunctionalInterface
    public interface Failure {
        /**
         * Returns the exception a wait that ended this way fails with.
         *
         * @param ending why the wait ended
         * @return the exception to throw
         */
        RuntimeException of(Ending ending);
    }

    /**
     * Waits on the calling thread until {@code attempt} answers.
     *
     * @param key the lock key, for {@link #released(String)}
     * @param attempt one try; {@code null} to try again after a pause, anything else ends the
     *     wait; what it throws ends the wait too
     * @param failure the exception for a timeout or an interrupt
     * @param <T> what the attempt answers
     * @return the attempt's answer
     */
    public <T> T await(String key, Supplier<@Nullable T> attempt, Failure failure) {
        Thread waiter = Thread.currentThread();
        // Set by a release since the last attempt began. The unpark alone is not enough: an
        // attempt that waits itself (a remote backend's answer) may take the park permit, and a
        // pause on a manual clock would then never end.
        AtomicBoolean released = new AtomicBoolean();
        Runnable wake = null;
        long start = clock.nanoTime();
        long pause = firstPauseNanos;
        try {
            while (true) {
                // Read before the attempt: an advance of a manual clock after a failed attempt
                // then still reaches the pause's deadline.
                long now = clock.nanoTime();
                released.set(false);
                T answer = attempt.get();
                if (answer != null) {
                    return answer;
                }
                if (wake == null) {
                    // Listening from now on; a release before this is seen by trying once more.
                    wake = () -> {
                        released.set(true);
                        LockSupport.unpark(waiter);
                    };
                    listen(key, wake);
                    continue;
                }
                long left = timeoutNanos - (now - start);
                if (left <= 0) {
                    throw failure.of(Ending.TIMED_OUT);
                }
                if (released.get()) {
                    // released during the attempt: try again now rather than pause
                    continue;
                }
                clock.parkUntil(this, now + Math.min(pause, left));
                if (waiter.isInterrupted()) {
                    throw failure.of(Ending.INTERRUPTED);
                }
                pause = Math.min(pause * 2, maxPauseNanos);
            }
        } finally {
            if (wake != null) {
                unlisten(key, wake);
            }
        }
    }

    /**
     * Waits without blocking a thread until {@code attempt}'s stage answers.
     *
     * @param key the lock key, for {@link #released(String)}
     * @param attempt one try; its stage completes with {@code null} to try again after a pause,
     *     with anything else to end the wait; a failed stage or a throw ends the wait too
     * @param failure the exception for a timeout
     * @param unclaimed given an answer that arrived after the returned future was completed or
     *     cancelled (such as a lock taken just then, to release it); {@code null} for none
     * @param <T> what the attempt answers
     * @return a future completed with the answer, or failed; cancelling it stops the wait
     */
    public <T> CompletableFuture<T> awaitAsync(String key, Supplier<? extends CompletionStage<? extends @Nullable T>> attempt,
            Failure failure, @Nullable Consumer<? super T> unclaimed) {
        AsyncWait<T> wait = new AsyncWait<>(key, attempt, failure, unclaimed);
        wait.round();
        return wait.result;
    }

    private static void listen(String key, Runnable wake) {
        WAITERS.compute(key, (k, waiting) -> {
            List<Runnable> list = waiting != null ? waiting : new CopyOnWriteArrayList<>();
            list.add(wake);
            return list;
        });
    }

    private static void unlisten(String key, Runnable wake) {
        WAITERS.computeIfPresent(key, (k, waiting) -> {
            waiting.remove(wake);
            return waiting.isEmpty() ? null : waiting;
        });
    }

    /** Runs {@code task} on {@code executor}, or here when it refuses (shut down): late beats never. */
    private static void execute(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RuntimeException rejected) {
            task.run();
        }
    }


    /** One asynchronous wait: at most one attempt in flight, the next one started by a timer or a release. */
    private final class AsyncWait<T> implements Runnable {
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final String key;
        private final Supplier<? extends CompletionStage<? extends @Nullable T>> attempt;
        private final Failure failure;
        private final @Nullable Consumer<? super T> unclaimed;
        private final long start = clock.nanoTime();
        // The pause round that waits for its timer or a release, -1 while an attempt runs.
        private final AtomicLong waitingRound = new AtomicLong(-1);
        // A release arrived while an attempt ran: the next attempt follows without a pause.
        private final AtomicBoolean woken = new AtomicBoolean();
        // Written only by the single running round.
        private long pause = firstPauseNanos;
        private long rounds;
        private boolean listening;

        AsyncWait(String key, Supplier<? extends CompletionStage<? extends @Nullable T>> attempt, Failure failure,
                @Nullable Consumer<? super T> unclaimed) {
            this.key = key;
            this.attempt = attempt;
            this.failure = failure;
            this.unclaimed = unclaimed;
        }

        void round() {
            if (result.isDone()) {
                finish();
                return;
            }
            long now = clock.nanoTime();
            CompletableFuture<? extends @Nullable T> stage;
            try {
                stage = Objects.requireNonNull(attempt.get(), "lock attempt stage").toCompletableFuture();
            } catch (RuntimeException | Error e) {
                fail(e);
                return;
            }
            if (stage.isDone()) {
                // Answered at once (the memory backend): go on here.
                stage.whenComplete((answer, error) -> answered(now, answer, error));
            } else {
                // Answered later, maybe on a backend's I/O thread: go on off it.
                stage.whenComplete((answer, error) -> execute(executor, () -> answered(now, answer, error)));
            }
        }

        private void answered(long now, @Nullable T answer, @Nullable Throwable error) {
            if (error != null) {
                fail(Failures.unwrap(error));
                return;
            }
            if (answer != null) {
                finish();
                if (!result.complete(answer) && unclaimed != null) {
                    unclaimed.accept(answer);
                }
                return;
            }
            if (!listening) {
                // Listening from now on; a release before this is seen by trying once more.
                listening = true;
                listen(key, this);
                round();
                return;
            }
            long left = timeoutNanos - (now - start);
            if (left <= 0) {
                fail(failure.of(Ending.TIMED_OUT));
                return;
            }
            long deadline = now + Math.min(pause, left);
            pause = Math.min(pause * 2, maxPauseNanos);
            long round = ++rounds;
            waitingRound.set(round);
            try {
                clock.runAt(deadline, executor, () -> fire(round));
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (woken.getAndSet(false)) {
                fire(round);
            }
        }

        /** A release of the lock: try again now, on the executor, not on the releasing thread. */
        @Override
        public void run() {
            woken.set(true);
            long round = waitingRound.get();
            if (round >= 0 && waitingRound.compareAndSet(round, -1)) {
                woken.set(false);
                execute(executor, this::round);
            }
        }

        private void fire(long round) {
            if (waitingRound.compareAndSet(round, -1)) {
                woken.set(false);
                round();
            }
        }

        private void fail(Throwable error) {
            finish();
            result.completeExceptionally(error);
        }

        private void finish() {
            if (listening) {
                listening = false;
                unlisten(key, this);
            }
        }
    }

    @Override
    public String toString() {
        return "LockWait[pause " + firstPauseNanos + ".." + maxPauseNanos + " ns, timeout "
                + (timeoutNanos == FOREVER ? "none" : TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms") + "]";
    }
}
