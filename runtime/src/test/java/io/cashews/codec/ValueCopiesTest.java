package io.cashews.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

// Issue 20, D9: client-side copies of collections are copied per read instead of decoded.
class ValueCopiesTest {

    @Test
    void immutableValuesAreTheirOwnCopy() {
        assertThat(ValueCopies.copy(null)).isNull();
        assertThat(ValueCopies.copy("text")).isSameAs("text");
        List<String> unmodifiable = List.of("a", "b", "c");
        assertThat(ValueCopies.copy(unmodifiable)).isSameAs(unmodifiable);
        Map<String, Integer> map = Map.of("a", 1);
        assertThat(ValueCopies.copy(map)).isSameAs(map);
    }

    @Test
    void everyCopiedCollectionIsANewOneOfTheSameClassAndEqual() {
        List<Object> values = List.of(
                new ArrayList<>(List.of("a", "b")), new LinkedList<>(List.of(1, 2)), new ArrayDeque<>(List.of(3L)),
                new HashSet<>(Set.of("x")), new LinkedHashSet<>(List.of("z", "y")), new TreeSet<>(Set.of(5, 4)),
                new HashMap<>(Map.of("k", 1)), new TreeMap<>(Map.of("b", 2, "a", 1)));
        for (Object value : values) {
            Object copy = ValueCopies.copy(value);
            assertThat(copy).as("%s", value.getClass()).isNotSameAs(value).hasSameClassAs(value);
            if (!(value instanceof ArrayDeque)) { // ArrayDeque has identity equality
                assertThat(copy).isEqualTo(value);
            } else {
                assertThat(new ArrayList<>((ArrayDeque<?>) copy)).isEqualTo(new ArrayList<>((ArrayDeque<?>) value));
            }
        }
        Object order = ValueCopies.copy(new LinkedHashSet<>(List.of("z", "y", "x")));
        assertThat(new ArrayList<Object>((LinkedHashSet<?>) order)).containsExactly("z", "y", "x");
    }

    @Test
    void aChangeToANestedCopyDoesNotReachTheOriginal() {
        Map<String, List<int[]>> original = new HashMap<>();
        original.put("k", new ArrayList<>(List.of(new int[] {1, 2})));
        @SuppressWarnings("unchecked")
        Map<String, List<int[]>> copy = (Map<String, List<int[]>>) ValueCopies.copy(original);
        copy.get("k").get(0)[0] = 99;
        copy.get("k").add(new int[] {3});
        copy.put("other", List.of());
        assertThat(original).containsOnlyKeys("k");
        assertThat(original.get("k")).hasSize(1);
        assertThat(original.get("k").get(0)).containsExactly(1, 2);
    }

    @Test
    void arraysAreClonedDeeplyAndKeepTheirClass() {
        String[] strings = {"a", "b"};
        Object copy = ValueCopies.copy(strings);
        assertThat(copy).isInstanceOf(String[].class).isNotSameAs(strings).isEqualTo(strings);
        List<?>[] lists = {new ArrayList<>(List.of("x"))};
        List<?>[] copied = (List<?>[]) ValueCopies.copy(lists);
        assertThat(copied[0]).isNotSameAs(lists[0]).isEqualTo(lists[0]);
        for (Object primitive : new Object[] {new byte[] {1}, new short[] {1}, new char[] {'c'}, new int[] {1},
                new long[] {1}, new float[] {1}, new double[] {1}, new boolean[] {true}}) {
            assertThat(ValueCopies.copy(primitive)).isNotSameAs(primitive).isEqualTo(primitive);
        }
    }

    @Test
    void whatACopyCouldNotReproduceIsLeftToTheCodec() {
        class Sub extends ArrayList<String> {}
        Sub subclass = new Sub();
        List<Object> selfContaining = new ArrayList<>();
        selfContaining.add(selfContaining);
        Object deep = "leaf";
        for (int i = 0; i < 20; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        List<Object> uncopyable = List.of(
                subclass,
                new LinkedHashMap<>(Map.of("k", "v")), // maybe ordered by access: a copy would lose it
                Collections.unmodifiableList(new ArrayList<>(List.of("a"))),
                new TreeSet<>(Comparator.reverseOrder()),
                new TreeMap<>(Comparator.<String>reverseOrder()),
                new ArrayList<>(List.of(new StringBuilder("mutable"))),
                List.of(new ArrayList<>(List.of("a"))), // an unmodifiable list of a changeable one
                new HashMap<>(Map.of(new ArrayList<>(List.of("changeable key")), "v")),
                selfContaining,
                deep);
        for (Object value : uncopyable) {
            assertThat(ValueCopies.copy(value)).as("%s", value.getClass()).isSameAs(ValueCopies.UNCOPYABLE);
        }
    }
}
