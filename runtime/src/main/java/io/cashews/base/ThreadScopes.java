package io.cashews.base;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * For the runtime: the scopes open on the current thread ({@code disabling}, {@code detect},
 * {@code KeyContext.with}, {@code invalidateFurther}, transactions, callbacks), kept in one
 * immutable stack per thread so that {@link ScopeSnapshot#capture()} takes all of them with a
 * single thread-local read, and {@link ScopeSnapshot#install()} puts them back on another thread
 * around an asynchronous continuation.
 *
 * <p>A feature that has a thread-bound scope declares one {@link Kind} and opens frames of it:
 * <pre>{@code
 * static final ThreadScopes.Kind<Tx> TRANSACTION = new ThreadScopes.Kind<>("transaction");
 * ThreadScopes.Frame frame = ThreadScopes.open(TRANSACTION, tx);   // closing removes it
 * Tx current = ThreadScopes.innermost(TRANSACTION);               // null when none is open here
 * }</pre>
 * A public API that hands out an {@code io.cashews.Scope} adapts the frame with
 * {@code frame::close}: this package depends on nothing of {@code io.cashews}.
 * {@link Kind#isLive()} is one volatile read: hot paths check it before walking the stack.
 * Scopes close in reverse order of opening, as try-with-resources does: closing one restores the
 * thread's stack to what it was when that scope opened (frames left open above it go too), and
 * closing it again, or on another thread, does nothing.
 */
public final class ThreadScopes {

    private static final ThreadLocal<@Nullable Node> TOP = new ThreadLocal<>();

    private ThreadScopes() {
    }

    /**
     * Opens a frame of {@code kind} on the current thread.
     *
     * @param kind the kind of scope
     * @param value what the frame holds
     * @param <T> the value type
     * @return the frame; closing it (once, on this thread) removes it
     */
    public static <T> Frame open(Kind<T> kind, T value) {
        Objects.requireNonNull(kind, "kind");
        Handle handle = new Handle(kind);
        TOP.set(new Node(kind, value, handle, TOP.get()));
        kind.live.incrementAndGet();
        return handle;
    }

    /**
     * Returns the value of the innermost open frame of {@code kind} on this thread.
     *
     * @param kind the kind
     * @param <T> the value type
     * @return the value, or {@code null} when no frame of that kind is open here
     */
    @SuppressWarnings("unchecked")
    public static <T> @Nullable T innermost(Kind<T> kind) {
        if (!kind.isLive()) {
            return null;
        }
        for (Node f = TOP.get(); f != null; f = f.next) {
            if (f.kind == kind) {
                return (T) f.value;
            }
        }
        return null;
    }

    /**
     * Returns the value of the innermost open frame of {@code kind} that {@code test} accepts,
     * without allocating when {@code test} captures nothing (pass what it needs as
     * {@code argument}).
     *
     * @param kind the kind
     * @param test called with a frame's value and {@code argument}
     * @param argument the second argument of {@code test}
     * @param <T> the value type
     * @param <A> the argument type
     * @return the value, or {@code null} when no open frame here is accepted
     */
    @SuppressWarnings("unchecked")
    public static <T, A> @Nullable T first(Kind<T> kind, BiPredicate<? super T, ? super A> test, A argument) {
        if (!kind.isLive()) {
            return null;
        }
        for (Node f = TOP.get(); f != null; f = f.next) {
            if (f.kind == kind && test.test((T) f.value, argument)) {
                return (T) f.value;
            }
        }
        return null;
    }

    /**
     * Calls {@code action} with the value of every open frame of {@code kind} on this thread,
     * innermost first.
     *
     * @param kind the kind
     * @param action what to do with each value
     * @param <T> the value type
     */
    @SuppressWarnings("unchecked")
    public static <T> void forEach(Kind<T> kind, Consumer<? super T> action) {
        if (!kind.isLive()) {
            return;
        }
        for (Node f = TOP.get(); f != null; f = f.next) {
            if (f.kind == kind) {
                action.accept((T) f.value);
            }
        }
    }

    static @Nullable Node top() {
        return TOP.get();
    }

    static void top(@Nullable Node node) {
        if (node == null) {
            TOP.remove();
        } else {
            TOP.set(node);
        }
    }

    // Restores the stack as it was when handle's frame opened: the frame and any left open above it go.
    private static void remove(Handle handle) {
        for (Node f = TOP.get(); f != null; f = f.next) {
            if (f.handle == handle) {
                top(f.next);
                return;
            }
        }
    }

    /**
     * A kind of thread-bound scope; one constant per feature.
     *
     * @param <T> what a frame of this kind holds
     */
    public static final class Kind<T> {
        private final String name;
        // Open frames plus installed snapshots holding one, on any thread: 0 means none anywhere.
        final AtomicInteger live = new AtomicInteger();

        /**
         * Declares a kind.
         *
         * @param name a name for diagnostics
         */
        public Kind(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Tells whether a frame of this kind may be in effect on some thread; {@code false}
         * means none is, so a hot path can skip the thread-local walk.
         *
         * @return {@code true} if one may be open or installed somewhere
         */
        public boolean isLive() {
            return live.get() != 0;
        }

        @Override
        public String toString() {
            return "ThreadScopes.Kind[" + name + "]";
        }
    }

    /**
     * An open frame, as its opener holds it; closing it (once, on the thread that opened it) removes
     * it from that thread's stack.
     */
    @FunctionalInterface
    public interface Frame extends AutoCloseable {

        /** Removes the frame; never throws a checked exception, and closing twice does nothing. */
        @Override
        void close();
    }

    /** One immutable entry of a thread's stack; entries are shared by snapshots. */
    static final class Node {
        final Kind<?> kind;
        final @Nullable Object value;
        final Handle handle;
        final @Nullable Node next;

        Node(Kind<?> kind, @Nullable Object value, Handle handle, @Nullable Node next) {
            this.kind = kind;
            this.value = value;
            this.handle = handle;
            this.next = next;
        }
    }

    /** The frame a caller holds; identifies its entry on the stack. */
    private static final class Handle implements Frame {
        private final Kind<?> kind;
        private final AtomicInteger closed = new AtomicInteger();

        Handle(Kind<?> kind) {
            this.kind = kind;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(0, 1)) {
                remove(this);
                kind.live.decrementAndGet();
            }
        }
    }
}
