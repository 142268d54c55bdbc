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
 * reflection; immutable and thread-safe; equal when the classes, arguments and fingerprints are
 * equal.
 *
 * <p>A proxy's constant also carries the {@linkplain #fingerprint() fingerprint} of the type's
 * shape, computed by the processor (SPEC §18): its strategies store values as
 * {@link Fingerprinted}, and a value whose fingerprint differs, or that a remote or disk backend
 * holds without one, reads as a miss.
 *
 * @param <T> the type
 */
public final class ValueType<T> {

    /** Any value: JSON reads back as maps, lists, strings, numbers and booleans. */
    public static final ValueType<Object> ANY = new ValueType<>(Object.class, new ValueType<?>[0], false, 0L);

    private static final System.Logger LOG = System.getLogger(ValueType.class.getName());

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class, double.class, Double.class, float.class, Float.class, short.class, Short.class,
            byte.class, Byte.class, char.class, Character.class, void.class, Void.class);

    private final Class<?> raw;
    private final ValueType<?>[] arguments;
    // The shape's fingerprint, 0 for none.
    private final long fingerprint;
    // Whether a fingerprint mismatch was logged; not part of the value (a benign race logs twice).
    private volatile boolean mismatchLogged;
    // True when no stored wrapper (PendingValue, Stamped, CachedException, Fingerprinted) is an instance of raw:
    // then an instance of raw is the value itself, decided by one check on the hit path.
    private final boolean direct;
    // of(int.class): the value is never null, so a stored null must read as a miss, not unbox to an NPE.
    private final boolean primitive;

    private ValueType(Class<?> raw, ValueType<?>[] arguments, boolean primitive, long fingerprint) {
        this.raw = raw;
        this.arguments = arguments;
        this.primitive = primitive;
        this.fingerprint = fingerprint;
        this.direct = !raw.isAssignableFrom(PendingValue.class) && !raw.isAssignableFrom(Stamped.class)
                && !raw.isAssignableFrom(CachedException.class) && !raw.isAssignableFrom(Fingerprinted.class);
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
                : new ValueType<>(boxed(type), new ValueType<?>[0], type.isPrimitive() && type != void.class, 0L);
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
        return new ValueType<>(raw, copy, false, 0L);
    }

    /**
     * A type with the fingerprint of its shape, as a generated proxy writes it:
     * {@code ValueType.of(0x5c1f…L, List.class, ORDER_TYPE)}; the same as
     * {@code ValueType.of(raw, arguments).fingerprint(fingerprint)}.
     *
     * @param fingerprint the fingerprint, not {@code 0}
     * @param raw the class (a primitive stands for its wrapper, as in {@link #of(Class)})
     * @param arguments its type arguments, none for a plain class
     * @param <T> the type, unchecked
     * @return the value type
     * @throws IllegalArgumentException if {@code fingerprint} is {@code 0}, or arguments are given
     *     for a primitive or an array
     */
    public static <T> ValueType<T> of(long fingerprint, Class<?> raw, ValueType<?>... arguments) {
        return ValueType.<T>of(raw, arguments).fingerprint(fingerprint);
    }

    /**
     * This type with the fingerprint of its shape (see {@link #of(long, Class, ValueType...)}). Values stored through it are
     * {@link Fingerprinted}; reading through it, a value with another fingerprint is a miss, and so
     * is a value without one that a backend which {@linkplain io.cashews.spi.Backend#encodesValues()
     * encodes values} returns (written before fingerprints, or by other code).
     *
     * @param fingerprint the fingerprint, not {@code 0}
     * @return a type equal to this one but for the fingerprint
     * @throws IllegalArgumentException if {@code fingerprint} is {@code 0}, which stands for none
     */
    public ValueType<T> fingerprint(long fingerprint) {
        if (fingerprint == 0) {
            throw new IllegalArgumentException("a fingerprint is never 0");
        }
        return new ValueType<>(raw, arguments, primitive, fingerprint);
    }

    /**
     * Returns the fingerprint of this type's shape.
     *
     * @return the fingerprint, {@code 0} when the type carries none
     */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * What a strategy stores for a value of this type: a {@link Fingerprinted} when the type has a
     * fingerprint, otherwise the value itself.
     *
     * @param value the value, a {@link Stamped} or a {@link CachedException}; {@code null} for a
     *     stored {@code null}
     * @return what to store
     */
    public @Nullable Object seal(@Nullable Object value) {
        return fingerprint == 0 ? value : new Fingerprinted(fingerprint, value);
    }

    /**
     * For the facade: what a value read from a backend that {@linkplain
     * io.cashews.spi.Backend#encodesValues() encodes values} holds for a reader of this type. A
     * {@link Fingerprinted} gives its content ({@link io.cashews.spi.NullValue#INSTANCE} for a stored
     * {@code null}) when its fingerprint is this type's, or when this type has none; a value
     * without an envelope is itself when this type has no fingerprint. Anything else is a miss.
     *
     * @param stored what the backend returned, not null
     * @return the content to {@linkplain #read read}, or {@code null} for a miss
     */
    public @Nullable Object unseal(Object stored) {
        if (stored instanceof Fingerprinted fingerprinted) {
            if (fingerprint == 0 || fingerprinted.fingerprint() == fingerprint) {
                return Fingerprinted.strip(fingerprinted);
            }
            mismatch(fingerprinted.fingerprint());
            return null;
        }
        if (fingerprint == 0) {
            return stored;
        }
        mismatch(0);
        return null;
    }

    // Once per constant (a proxy's type and version), at debug level: a redeployment misses every
    // old value, which is expected, and a log line per read would flood.
    private void mismatch(long found) {
        if (!mismatchLogged) {
            mismatchLogged = true;
            LOG.log(System.Logger.Level.DEBUG, () -> "a stored " + this + " has "
                    + (found == 0 ? "no fingerprint (written before fingerprints, or by other code)"
                            : "fingerprint " + Long.toHexString(found))
                    + " where the reader expects " + Long.toHexString(fingerprint)
                    + ": read as a miss, so the method computes and overwrites it (logged once per proxy and type)");
        }
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
     * a {@link Fingerprinted} has its content turned when its fingerprint fits (this type's, or
     * any when this type has none), and a value of another class is a miss (a class that
     * changed, or a key shared by two types), never a {@link ClassCastException} later in the
     * caller's code.
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
        if (stored instanceof Fingerprinted fingerprinted) {
            Object content = fingerprinted.value();
            return content == null || fingerprint != 0 && fingerprinted.fingerprint() != fingerprint
                    ? null : read(content);
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
                && fingerprint == type.fingerprint && Arrays.equals(arguments, type.arguments);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * raw.hashCode() + Arrays.hashCode(arguments)) + Long.hashCode(fingerprint);
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
