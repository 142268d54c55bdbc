package io.cashews.spring;

import org.jspecify.annotations.Nullable;

/**
 * Turns a Spring cache key of an application type into the text of a Cashews key, for keys that
 * are not strings, numbers, booleans, enums, UUIDs or {@code SimpleKey}s and whose
 * {@code toString()} does not say what they are:
 * <pre>{@code
 * CacheKeyConverter byId = key -> key instanceof Customer c ? "customer-" + c.id() : null;
 * }</pre>
 */
@FunctionalInterface
public interface CacheKeyConverter {

    /**
     * Converts a key.
     *
     * @param key the key Spring passed
     * @return its text, or {@code null} to fall back to the key's own {@code toString()}
     */
    @Nullable String convert(Object key);
}
