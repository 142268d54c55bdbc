package io.cashews.codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Copies the changeable values that a copy of their structure makes private: the JDK's common
 * collections and arrays whose elements are, recursively, such collections or
 * {@linkplain ImmutableValues immutable} values. A local copy of a remote value (client-side
 * caching) keeps one such copy and hands every reader a fresh copy of it, which costs a walk of
 * the structure instead of a decoding of its bytes.
 *
 * <p>Only exact classes are copied, each into its own class, so that a reader gets what a fresh
 * decoding would give: {@code ArrayList}, {@code LinkedList}, {@code ArrayDeque}, {@code HashMap},
 * {@code HashSet}, {@code LinkedHashSet}, {@code TreeMap} and {@code TreeSet} in natural order,
 * arrays, and the JDK's unmodifiable {@code List.of}/{@code Set.of}/{@code Map.of} collections
 * (shared when their elements are immutable). Not {@code LinkedHashMap}: whether one is ordered by
 * access cannot be read without reflection, and a copy would lose it. Subclasses, sorted
 * collections with a comparator, wrappers such as {@code Collections.unmodifiableList}, and any
 * other class: {@link #UNCOPYABLE}. A {@link Fingerprinted} is copied as a new envelope around a
 * copy of its content.
 */
public final class ValueCopies {

    /** What {@link #copy} returns for a value it cannot copy; never a value itself. */
    public static final Object UNCOPYABLE = new Object() {
        @Override
        public String toString() {
            return "UNCOPYABLE";
        }
    };

    // Deeper structures (or a collection that contains itself) are left to the codec.
    private static final int MAX_DEPTH = 16;

    // Set.copyOf: some of these sizes share one class.
    private static final Set<Class<?>> UNMODIFIABLE = Set.copyOf(List.of(
            List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass(),
            Set.of().getClass(), Set.of(1).getClass(), Set.of(1, 2, 3).getClass(),
            Map.of().getClass(), Map.of(1, 1).getClass(), Map.of(1, 1, 2, 2).getClass()));

    private ValueCopies() {
    }

    /**
     * Returns a copy of {@code value} that shares nothing a caller could change with it: the value
     * itself when it is immutable, a new structure of the same classes when it is one of the
     * collections or arrays above, or {@link #UNCOPYABLE}.
     *
     * @param value the value, possibly {@code null}
     * @return the copy, possibly {@code value} itself or {@code null}, or {@link #UNCOPYABLE}
     */
    public static @Nullable Object copy(@Nullable Object value) {
        return copy(value, 0);
    }

    private static @Nullable Object copy(@Nullable Object value, int depth) {
        if (ImmutableValues.isImmutable(value)) {
            return value;
        }
        if (depth >= MAX_DEPTH) {
            return UNCOPYABLE;
        }
        if (value instanceof Fingerprinted fingerprinted) {
            // The envelope is immutable; its content is copied as any value is.
            Object content = copy(fingerprinted.value(), depth);
            return content == ValueCopies.UNCOPYABLE ? content : new Fingerprinted(fingerprinted.fingerprint(), content);
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return copyArray(value, depth);
        }
        if (UNMODIFIABLE.contains(type)) {
            return sharedIfImmutable(value, depth);
        }
        if (type == ArrayList.class) {
            return fill((Collection<?>) value, new ArrayList<>(((Collection<?>) value).size()), depth);
        }
        if (type == LinkedList.class) {
            return fill((Collection<?>) value, new LinkedList<>(), depth);
        }
        if (type == ArrayDeque.class) {
            return fill((Collection<?>) value, new ArrayDeque<>(((Collection<?>) value).size()), depth);
        }
        if (type == HashSet.class) {
            return fill((Collection<?>) value, new HashSet<>(), depth);
        }
        if (type == LinkedHashSet.class) {
            return fill((Collection<?>) value, new LinkedHashSet<>(), depth);
        }
        if (type == TreeSet.class && ((TreeSet<?>) value).comparator() == null) {
            return fill((Collection<?>) value, new TreeSet<>(), depth);
        }
        if (type == HashMap.class) {
            return fill((Map<?, ?>) value, new HashMap<>(), depth);
        }
        if (type == TreeMap.class && ((TreeMap<?, ?>) value).comparator() == null) {
            return fill((Map<?, ?>) value, new TreeMap<>(), depth);
        }
        return UNCOPYABLE;
    }

    private static @Nullable Object copyArray(Object array, int depth) {
        if (array.getClass().getComponentType().isPrimitive()) {
            // Primitive arrays hold no references: a clone is a private copy.
            if (array instanceof int[] ints) {
                return ints.clone();
            } else if (array instanceof long[] longs) {
                return longs.clone();
            } else if (array instanceof byte[] bytes) {
                return bytes.clone();
            } else if (array instanceof double[] doubles) {
                return doubles.clone();
            } else if (array instanceof boolean[] booleans) {
                return booleans.clone();
            } else if (array instanceof char[] chars) {
                return chars.clone();
            } else if (array instanceof short[] shorts) {
                return shorts.clone();
            }
            return ((float[]) array).clone();
        }
        Object[] copy = ((Object[]) array).clone();
        for (int i = 0; i < copy.length; i++) {
            Object element = copy(copy[i], depth + 1);
            if (element == UNCOPYABLE) {
                return UNCOPYABLE;
            }
            copy[i] = element;
        }
        return copy;
    }

    // An unmodifiable JDK collection: shared as is when everything in it is immutable.
    private static @Nullable Object sharedIfImmutable(Object value, int depth) {
        Collection<?> elements = value instanceof Map<?, ?> map ? entriesOf(map) : (Collection<?>) value;
        for (Object element : elements) {
            if (copy(element, depth + 1) != element) {
                return UNCOPYABLE;
            }
        }
        return value;
    }

    private static List<Object> entriesOf(Map<?, ?> map) {
        List<Object> all = new ArrayList<>(map.size() * 2);
        map.forEach((key, element) -> {
            all.add(key);
            all.add(element);
        });
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Object fill(Collection<?> from, Collection<?> into, int depth) {
        Collection<Object> target = (Collection<Object>) into;
        for (Object element : from) {
            Object copy = copy(element, depth + 1);
            if (copy == UNCOPYABLE) {
                return UNCOPYABLE;
            }
            target.add(copy);
        }
        return into;
    }

    @SuppressWarnings("unchecked")
    private static Object fill(Map<?, ?> from, Map<?, ?> into, int depth) {
        Map<Object, Object> target = (Map<Object, Object>) into;
        for (Map.Entry<?, ?> entry : from.entrySet()) {
            Object key = entry.getKey();
            // Keys stay as they are: a copy of a changeable key would hash like the original,
            // but the original itself could still change under its owner.
            if (!ImmutableValues.isImmutable(key)) {
                return UNCOPYABLE;
            }
            Object copy = copy(entry.getValue(), depth + 1);
            if (copy == UNCOPYABLE) {
                return UNCOPYABLE;
            }
            target.put(key, copy);
        }
        return into;
    }
}
