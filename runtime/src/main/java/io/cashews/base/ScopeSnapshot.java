package io.cashews.base;

import io.cashews.base.ThreadScopes.Frame;
import io.cashews.base.ThreadScopes.Node;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * For the runtime: the scopes of one thread, taken when a proxied call starts, so that the
 * call's asynchronous continuations, which may run on any thread, still see the
 * {@code disabling}, {@code detect}, {@code KeyContext}, {@code invalidateFurther},
 * callback and transaction scopes that were open when the call was made.
 *
 * <pre>{@code
 * ScopeSnapshot scopes = ScopeSnapshot.capture();           // on the caller's thread
 * stage.whenComplete(scopes.wrap((value, error) -> ...));   // runs with them installed
 * }</pre>
 * Capturing when nothing is open returns {@link #EMPTY} without allocating, and wrapping with
 * {@code EMPTY} returns the continuation itself, so code that never opens a scope pays one
 * thread-local read per asynchronous miss. A frame stays in effect inside an installed snapshot
 * even if its scope was closed meanwhile: the call keeps what it captured.
 *
 * <p>Scopes kept in a feature's own {@code static} {@link ThreadLocal} rather than in
 * {@link ThreadScopes} are captured as well once registered with {@link #carry(ThreadLocal)}.
 */
public final class ScopeSnapshot {

    /** The snapshot of a thread with no scope open; installing it changes nothing. */
    public static final ScopeSnapshot EMPTY = new ScopeSnapshot(null, null);

    private static final CopyOnWriteArrayList<ThreadLocal<?>> CARRIED = new CopyOnWriteArrayList<>();
    private static final Frame NOTHING = () -> { };

    private final @Nullable Node top;
    // Values of the carried thread-locals, positionally; null when all were unset.
    private final @Nullable Object @Nullable [] carried;

    private ScopeSnapshot(@Nullable Node top, @Nullable Object @Nullable [] carried) {
        this.top = top;
        this.carried = carried;
    }

    /**
     * Registers a {@code static} thread-local whose value is a thread-bound scope, so that
     * snapshots capture and install it too. Idempotent.
     *
     * @param local the thread-local; its {@code null} value means "no scope"
     */
    public static void carry(ThreadLocal<?> local) {
        Objects.requireNonNull(local, "local");
        CARRIED.addIfAbsent(local);
    }

    /**
     * Takes the scopes of the current thread.
     *
     * @return the snapshot; {@link #EMPTY} when none is open
     */
    public static ScopeSnapshot capture() {
        Node top = ThreadScopes.top();
        @Nullable Object[] values = null;
        if (!CARRIED.isEmpty()) {
            int i = 0;
            for (ThreadLocal<?> local : CARRIED) {
                Object value = local.get();
                if (value != null) {
                    if (values == null) {
                        values = new Object[CARRIED.size()];
                    }
                    if (i < values.length) {
                        values[i] = value;
                    }
                }
                i++;
            }
        }
        return top == null && values == null ? EMPTY : new ScopeSnapshot(top, values);
    }

    /**
     * Tells whether this snapshot holds no scope.
     *
     * @return {@code true} for a thread that had nothing open
     */
    public boolean isEmpty() {
        return this == EMPTY;
    }

    /**
     * Makes this snapshot's scopes the current thread's until the returned scope closes, which
     * restores exactly what the thread had before.
     *
     * @return the frame to close, on this thread
     */
    public Frame install() {
        if (this == EMPTY && ThreadScopes.top() == null && CARRIED.isEmpty()) {
            return NOTHING;
        }
        Node previousTop = ThreadScopes.top();
        ThreadScopes.top(top);
        live(top, 1);
        @Nullable Object[] previous = null;
        if (!CARRIED.isEmpty()) {
            previous = new Object[CARRIED.size()];
            int i = 0;
            for (ThreadLocal<?> local : CARRIED) {
                previous[i] = local.get();
                set(local, carried != null && i < carried.length ? carried[i] : null);
                i++;
            }
        }
        @Nullable Object[] saved = previous;
        return () -> {
            live(top, -1);
            ThreadScopes.top(previousTop);
            if (saved != null) {
                int i = 0;
                for (ThreadLocal<?> local : CARRIED) {
                    if (i < saved.length) {
                        set(local, saved[i]);
                    }
                    i++;
                }
            }
        };
    }

    /**
     * Runs {@code action} with this snapshot installed.
     *
     * @param action the work
     */
    public void run(Runnable action) {
        Frame installed = install();
        try {
            action.run();
        } finally {
            installed.close();
        }
    }

    /**
     * Wraps a continuation so that it runs with this snapshot installed.
     *
     * @param action the continuation
     * @return {@code action} itself for {@link #EMPTY}, otherwise a wrapper
     */
    public Runnable wrap(Runnable action) {
        return this == EMPTY ? action : () -> run(action);
    }

    /**
     * Wraps a {@code whenComplete} continuation so that it runs with this snapshot installed.
     *
     * @param action the continuation
     * @param <T> the value type
     * @return {@code action} itself for {@link #EMPTY}, otherwise a wrapper
     */
    public <T extends @Nullable Object> BiConsumer<T, @Nullable Throwable> wrap(
            BiConsumer<T, @Nullable Throwable> action) {
        if (this == EMPTY) {
            return action;
        }
        return (value, error) -> {
            Frame installed = install();
            try {
                action.accept(value, error);
            } finally {
                installed.close();
            }
        };
    }

    /**
     * Wraps a {@code thenApply}/{@code thenCompose} function so that it runs with this snapshot
     * installed.
     *
     * @param function the function
     * @param <T> the argument type
     * @param <R> the result type
     * @return {@code function} itself for {@link #EMPTY}, otherwise a wrapper
     */
    public <T extends @Nullable Object, R extends @Nullable Object> Function<T, R> wrapFunction(Function<T, R> function) {
        if (this == EMPTY) {
            return function;
        }
        return value -> {
            Frame installed = install();
            try {
                return function.apply(value);
            } finally {
                installed.close();
            }
        };
    }

    // While installed, every kind in the snapshot counts as live, even if its scope has closed.
    private static void live(@Nullable Node top, int delta) {
        for (Node f = top; f != null; f = f.next) {
            f.kind.live.addAndGet(delta);
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(ThreadLocal<?> local, @Nullable Object value) {
        if (value == null) {
            local.remove();
        } else {
            ((ThreadLocal<Object>) local).set(value);
        }
    }

    @Override
    public String toString() {
        int frames = 0;
        for (Node f = top; f != null; f = f.next) {
            frames++;
        }
        return "ScopeSnapshot[" + frames + " frames]";
    }
}
