package io.cashews;

import io.cashews.base.TypeFormats;
import java.util.Objects;
import java.util.function.Function;

/**
 * Type formatters: how values of a type render in cache keys, for types whose {@code toString()}
 * does not suit a key.
 *
 * <pre>{@code
 * KeyFormats.register(BigDecimal.class, d -> d.setScale(2, RoundingMode.HALF_UP).toPlainString());
 * KeyFormats.register(UUID.class, u -> Long.toHexString(u.getMostSignificantBits()));
 * }</pre>
 *
 * <p>A registered formatter applies wherever a value renders into a key, a proxy's key templates
 * and its default keys alike: a parameter, a property along a template path, a key context value,
 * and values nested in collections, arrays, {@code Optional}s and map keys and values. It applies
 * to the type and its subtypes: the formatter of the class itself wins, then that of its nearest
 * superclass, then that of the first interface found breadth-first. Its result is used as it is
 * and may then pass through a template formatter ({@code {amount:hash}}).
 *
 * <p>{@code String}, primitives and their boxes always render as themselves (generated code
 * appends them directly, SPEC §5), so they cannot have a type formatter. Register formatters at
 * start-up, before keys are built: a key built before a registration differs from one built
 * after it. Registration is thread-safe and a registered formatter is read without locking; the
 * formatter itself must be thread-safe and should be fast and never fail, since it runs on every
 * call whose key holds such a value.
 *
 * <p>The processor's {@code [CashewsKeyToString]} warning, given for a key parameter whose type
 * does not override {@code toString()}, cannot see registrations made in code: when a type has a
 * formatter here, silence the warning with {@code @SuppressWarnings("cashews:KeyToString")} on the
 * method or the interface.
 */
public final class KeyFormats {

    private KeyFormats() {
    }

    /**
     * Registers {@code formatter} for values of {@code type} and its subtypes, replacing any
     * formatter registered for exactly {@code type}.
     *
     * @param <T> the type
     * @param type the type; not a primitive, {@code String}, a boxed primitive or {@code Object}
     * @param formatter turns a non-null value into key text ({@code null} is rendered as the
     *     text {@code "null"} without calling it); returning {@code null} renders {@code "null"}
     * @throws IllegalArgumentException if {@code type} cannot have a formatter
     * @throws NullPointerException if an argument is null
     */
    @SuppressWarnings("unchecked")
    public static <T> void register(Class<T> type, Function<? super T, String> formatter) {
        Objects.requireNonNull(formatter, "formatter");
        // Values reach the formatter only through a lookup by their class, which is type or a subtype.
        TypeFormats.register(type, (Function<Object, String>) formatter);
    }

    /**
     * Removes the formatter registered for exactly {@code type}; formatters of its supertypes then
     * apply again.
     *
     * @param type the type given to {@link #register}
     * @return whether a formatter was registered for it
     * @throws NullPointerException if {@code type} is null
     */
    public static boolean unregister(Class<?> type) {
        return TypeFormats.unregister(Objects.requireNonNull(type, "type"));
    }
}
