package io.cashews;

import io.cashews.base.ThreadScopes;
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

    // Frames live on the thread's shared scope stack, so proxied async calls carry them along.
    private static final ThreadScopes.Kind<Entry> KIND = new ThreadScopes.Kind<>("KeyContext");

    private KeyContext() {
    }

    /**
     * Sets {@code name} to {@code value} on this thread until the returned scope closes. A
     * proxied call made inside the scope keeps seeing the value in its asynchronous
     * continuations, whichever thread runs them.
     *
     * @param name the name used in templates as {@code {@:get(name)}}
     * @param value the value; {@code null} hides an outer value (the key then renders {@code null})
     * @return the scope; closing it restores exactly the values seen before this call
     * @throws NullPointerException if {@code name} is null
     */
    public static Scope with(String name, @Nullable Object value) {
        Objects.requireNonNull(name, "name");
        return ThreadScopes.open(KIND, new Entry(name, value))::close;
    }

    /**
     * Returns the innermost value set for {@code name} on this thread.
     *
     * @param name the context name
     * @return the value, or {@code null} when no open scope sets it
     */
    public static @Nullable Object get(String name) {
        Entry entry = ThreadScopes.first(KIND, KeyContext::named, name);
        return entry == null ? null : entry.value;
    }

    private static boolean named(Entry entry, String name) {
        return entry.name.equals(name);
    }

    private record Entry(String name, @Nullable Object value) {
    }
}
