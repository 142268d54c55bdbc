package io.cashews;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Values that key templates read with {@code {@:get(name)}}, set for the current thread:
 * <pre>{@code
 * try (Scope scope = KeyContext.with("tenant", tenantId)) {
 *     service.find(id);   // key "item:{@:get(tenant)}:{id}" sees the tenant
 * }
 * }</pre>
 * Scopes nest: an inner value for a name shadows the outer one until the inner scope closes.
 */
public final class KeyContext {

    // A linked stack of frames per thread: opening pushes, closing pops back to the saved frame.
    private static final ThreadLocal<@Nullable Frame> TOP = new ThreadLocal<>();

    private KeyContext() {
    }

    /**
     * Sets {@code name} to {@code value} on this thread until the returned scope closes.
     *
     * @param name the name used in templates as {@code {@:get(name)}}
     * @param value the value; {@code null} hides an outer value (the key then renders {@code null})
     * @return the scope; closing it restores exactly the values seen before this call
     * @throws NullPointerException if {@code name} is null
     */
    public static Scope with(String name, @Nullable Object value) {
        Objects.requireNonNull(name, "name");
        Frame previous = TOP.get();
        Frame frame = new Frame(name, value, previous);
        TOP.set(frame);
        return frame;
    }

    /**
     * Returns the innermost value set for {@code name} on this thread.
     *
     * @param name the context name
     * @return the value, or {@code null} when no open scope sets it
     */
    public static @Nullable Object get(String name) {
        for (Frame f = TOP.get(); f != null; f = f.previous) {
            if (f.name.equals(name)) {
                return f.value;
            }
        }
        return null;
    }

    private static final class Frame implements Scope {
        final String name;
        final @Nullable Object value;
        final @Nullable Frame previous;
        private boolean closed;

        Frame(String name, @Nullable Object value, @Nullable Frame previous) {
            this.name = name;
            this.value = value;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            // Restore what was there when this frame opened, even if inner frames were left open.
            if (previous == null) {
                TOP.remove();
            } else {
                TOP.set(previous);
            }
        }
    }
}
