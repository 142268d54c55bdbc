package io.cashews.base;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The registry of type formatters behind {@code io.cashews.KeyFormats}, read by {@link KeyText} each
 * time a value renders. For the runtime; applications register through
 * {@code io.cashews.KeyFormats}.
 *
 * <p>Registrations are rare and reads are on every key, so the registry is an immutable snapshot
 * replaced on each change, with a per-class cache of the resolved formatter that the next snapshot
 * starts afresh. An empty registry costs one volatile read.
 */
public final class TypeFormats {

    /**
     * Rendered directly wherever they appear, because generated code appends values of these
     * static types without a lookup; a formatter for them could never apply consistently.
     */
    private static final Set<Class<?>> DIRECT = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class);

    private static final Object LOCK = new Object();
    private static volatile Snapshot current = new Snapshot(Map.of());

    private TypeFormats() {
    }

    /**
     * Registers {@code formatter} for {@code type} and its subtypes, replacing an earlier one for
     * exactly {@code type}.
     *
     * @param type the type; not a primitive, {@code String}, a boxed primitive or {@code Object}
     * @param formatter the formatter, given non-null values of {@code type}
     * @throws IllegalArgumentException for a type that cannot have a formatter
     */
    public static void register(Class<?> type, Function<Object, String> formatter) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(formatter, "formatter");
        if (type.isPrimitive() || DIRECT.contains(type) || type == Object.class) {
            throw new IllegalArgumentException("no key formatter can be registered for " + type.getName()
                    + ": strings, primitives and their boxes always render as themselves, and Object would"
                    + " replace every rendering rule; register a more specific type");
        }
        synchronized (LOCK) {
            Map<Class<?>, Function<Object, String>> next = new LinkedHashMap<>(current.registered);
            next.put(type, formatter);
            current = new Snapshot(next);
        }
    }

    /**
     * Removes the formatter registered for exactly {@code type}.
     *
     * @param type the type given to {@link #register}
     * @return whether a formatter was registered for it
     */
    public static boolean unregister(Class<?> type) {
        synchronized (LOCK) {
            if (!current.registered.containsKey(type)) {
                return false;
            }
            Map<Class<?>, Function<Object, String>> next = new LinkedHashMap<>(current.registered);
            next.remove(type);
            current = new Snapshot(next);
            return true;
        }
    }

    /**
     * The formatter that renders values of class {@code type}.
     *
     * @param type the runtime class of a non-null value
     * @return the formatter registered for the class itself, else for its nearest superclass,
     *     else for the first of its interfaces found breadth-first (the class's own interfaces in
     *     declaration order, then its superclasses', then their superinterfaces); {@code null} when
     *     none applies
     */
    public static @Nullable Function<Object, String> formatter(Class<?> type) {
        Snapshot snapshot = current;
        return snapshot.registered.isEmpty() ? null : snapshot.resolved.get(type).formatter();
    }

    /** The registrations at one moment, with the lookups resolved so far. */
    private static final class Snapshot {
        final Map<Class<?>, Function<Object, String>> registered;
        final ClassValue<Resolved> resolved = new ClassValue<>() {
            @Override
            protected Resolved computeValue(Class<?> type) {
                return new Resolved(resolve(type));
            }
        };

        Snapshot(Map<Class<?>, Function<Object, String>> registered) {
            this.registered = Map.copyOf(registered);
        }

        private @Nullable Function<Object, String> resolve(Class<?> type) {
            if (DIRECT.contains(type)) {
                return null;
            }
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Function<Object, String> found = registered.get(c);
                if (found != null) {
                    return found;
                }
            }
            Deque<Class<?>> queue = new ArrayDeque<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    queue.add(i);
                }
            }
            Set<Class<?>> seen = new HashSet<>();
            while (!queue.isEmpty()) {
                Class<?> i = queue.removeFirst();
                if (!seen.add(i)) {
                    continue;
                }
                Function<Object, String> found = registered.get(i);
                if (found != null) {
                    return found;
                }
                for (Class<?> parent : i.getInterfaces()) {
                    queue.add(parent);
                }
            }
            return null;
        }
    }

    /** A resolved lookup; a holder because a class value cannot cache "none" as {@code null}. */
    private record Resolved(@Nullable Function<Object, String> formatter) {}
}
