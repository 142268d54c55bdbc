package io.cashews.codec;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide list of application classes that cached values may be decoded into. JDK value
 * types (boxed primitives, strings, {@code java.math} numbers, {@code java.time} values, the
 * {@code java.util} collections) need no registration; everything else must be registered here or
 * match a {@code serializer_allow} pattern of the backend, otherwise reading it is a miss and the
 * class is never instantiated.
 *
 * <p>Generated proxies register the declared result types of their cached methods in a static
 * initializer, so an application normally never calls this. Call it for classes that a
 * cached value contains (field types of a registered class are checked one by one) or that
 * are written with {@code Cashews.set} and read with {@code Cashews.get} directly.
 *
 * <p>Registering a class also admits its superclasses, which JDK serialization writes into the
 * stream with it. Classes are held by name and by object; nothing is ever loaded by name.
 */
public final class ValueTypes {

    private static final Map<String, Class<?>> TYPES = new ConcurrentHashMap<>();

    private ValueTypes() {
    }

    /**
     * Admits classes (and their superclasses) as cached values.
     *
     * @param types the classes; primitives, arrays and {@code Object} are ignored (array
     *     elements are checked against their own class, {@code Object} would admit everything)
     * @throws NullPointerException if a class is null
     */
    public static void allow(Class<?>... types) {
        for (Class<?> type : types) {
            Objects.requireNonNull(type, "type");
            Class<?> current = type;
            while (current.isArray()) {
                current = current.getComponentType();
            }
            while (current != null && !current.isPrimitive() && current != Object.class) {
                TYPES.putIfAbsent(current.getName(), current);
                current = current.getSuperclass();
            }
        }
    }

    /**
     * Tells whether a class was admitted with {@link #allow(Class...)}.
     *
     * @param type the class
     * @return {@code true} if registered (itself or as a superclass of a registered class)
     */
    public static boolean isAllowed(Class<?> type) {
        return TYPES.get(type.getName()) == type;
    }
}
