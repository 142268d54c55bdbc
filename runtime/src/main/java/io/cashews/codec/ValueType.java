package io.cashews.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The declared type of a cached value, generic arguments included ({@code List<Order>} is
 * {@code ValueType.of(List.class, ValueType.of(Order.class))}): what a reader expects back.
 *
 * <p>Generated proxies build one constant per cached method from the method's declared result
 * (the element type for streams, the completed type for futures) and pass it on every read, so
 * that a backend with {@code serializer=json} decodes into that type and never reads a class name
 * from the stored data. Applications use it with {@code Cashews.getAs}. Built without
 * reflection; immutable and thread-safe; equal when the classes and arguments are equal.
 *
 * @param <T> the type
 */
public final class ValueType<T> {

    /** Any value: JSON reads back as maps, lists, strings, numbers and booleans. */
    public static final ValueType<Object> ANY = new ValueType<>(Object.class, new ValueType<?>[0], false);

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class, double.class, Double.class, float.class, Float.class, short.class, Short.class,
            byte.class, Byte.class, char.class, Character.class, void.class, Void.class);

    private final Class<?> raw;
    private final ValueType<?>[] arguments;
    // True when no stored wrapper (PendingValue, Stamped, CachedException) is an instance of raw:
    // then an instance of raw is the value itself, decided by one check on the hit path.
    private final boolean direct;
    // of(int.class): the value is never null, so a stored null must read as a miss, not unbox to an NPE.
    private final boolean primitive;

    private ValueType(Class<?> raw, ValueType<?>[] arguments, boolean primitive) {
        this.raw = raw;
        this.arguments = arguments;
        this.primitive = primitive;
        this.direct = !raw.isAssignableFrom(PendingValue.class) && !raw.isAssignableFrom(Stamped.class)
                && !raw.isAssignableFrom(CachedException.class);
    }

    /**
     * The type of a class without type arguments; primitives stand for their wrappers, except that
     * a stored {@code null} reads as a miss (see {@link #isPrimitive()}).
     *
     * @param type the class
     * @param <T> the type
     * @return the value type
     */
    @SuppressWarnings("unchecked")
    public static <T> ValueType<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return type == Object.class ? (ValueType<T>) ANY
                : new ValueType<>(boxed(type), new ValueType<?>[0], type.isPrimitive() && type != void.class);
    }

    /**
     * A parameterized type such as {@code Map<String, List<Order>>}.
     *
     * @param raw the generic class
     * @param arguments its type arguments, in declaration order; {@link #ANY} for a wildcard
     * @param <T> the type, unchecked
     * @return the value type
     * @throws IllegalArgumentException if {@code raw} is primitive or an array while arguments are given
     */
    @SuppressWarnings("unchecked")
    public static <T> ValueType<T> of(Class<?> raw, ValueType<?>... arguments) {
        Objects.requireNonNull(raw, "raw");
        if (arguments.length == 0) {
            return (ValueType<T>) of(raw);
        }
        if (raw.isPrimitive() || raw.isArray()) {
            throw new IllegalArgumentException(raw.getTypeName() + " has no type parameters");
        }
        ValueType<?>[] copy = arguments.clone();
        for (ValueType<?> argument : copy) {
            Objects.requireNonNull(argument, "argument");
        }
        return new ValueType<>(raw, copy, false);
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }

    /**
     * Returns the class (for a parameterized type, its raw class; wrappers for primitives).
     *
     * @return the class
     */
    public Class<?> raw() {
        return raw;
    }

    /**
     * Whether this type was made from a primitive class other than {@code void}
     * ({@code ValueType.of(int.class)}): its values are never {@code null}, so a read of a stored
     * {@code null} is a miss (a proxy of an {@code int} method then computes the value instead of
     * failing to unbox it).
     *
     * @return whether the type is primitive
     */
    public boolean isPrimitive() {
        return primitive;
    }

    /**
     * Returns the type arguments.
     *
     * @return the arguments, empty for a plain class
     */
    public List<ValueType<?>> arguments() {
        return List.of(arguments);
    }

    /**
     * Turns what a backend returned into a value of this type: a {@link PendingValue} (JSON) is
     * decoded into it, a {@link Stamped} has its content turned, a {@link CachedException} is kept,
     * and a value of another class is a miss (a class that changed, or a key shared by two types),
     * never a {@link ClassCastException} later in the caller's code.
     *
     * @param stored what the backend returned, not null
     * @return the value, or {@code null} for a miss
     */
    public @Nullable Object read(Object stored) {
        if (direct && raw.isInstance(stored)) {
            return stored;
        }
        if (stored instanceof PendingValue pending) {
            return pending.as(this);
        }
        if (stored instanceof Stamped stamped) {
            Object content = stamped.value();
            if (content == null && primitive) {
                return null;
            }
            Object read = content == null ? null : read(content);
            if (read == content) {
                return stamped;
            }
            return read == null ? null : new Stamped(stamped.atMillis(), read);
        }
        return raw == Object.class || raw.isInstance(stored) || stored instanceof CachedException ? stored : null;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ValueType<?> type && raw == type.raw && primitive == type.primitive
                && Arrays.equals(arguments, type.arguments);
    }

    @Override
    public int hashCode() {
        return 31 * raw.hashCode() + Arrays.hashCode(arguments);
    }

    /** The type as Java writes it, such as {@code java.util.List<com.example.Order>}. */
    @Override
    public String toString() {
        if (arguments.length == 0) {
            return raw.getTypeName();
        }
        StringBuilder text = new StringBuilder(raw.getTypeName()).append('<');
        for (int i = 0; i < arguments.length; i++) {
            text.append(i == 0 ? "" : ", ").append(arguments[i]);
        }
        return text.append('>').toString();
    }
}
