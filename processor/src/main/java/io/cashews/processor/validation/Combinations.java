package io.cashews.processor.validation;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Which annotations may be stacked on one method: the whole matrix in one place. Annotations
 * stack like decorators, the first in source order outermost; any pair not ruled out here
 * combines.
 *
 * <ul>
 *   <li>At most one of the {@linkplain #VALUE_CACHES value caches} ({@code @Cache}, {@code @Hit},
 *       {@code @Dynamic}, {@code @Early}, {@code @Soft}): two of them would store the same result
 *       twice under different rules, and the outer one would hide the inner one's refreshes.</li>
 *   <li>{@code @Failover} combines with everything, in any position: over a value cache it stores
 *       only real computations, never a value the cache served.</li>
 *   <li>The same annotation twice is impossible: none of them is repeatable.</li>
 *   <li>The guards ({@code @Locked}, {@code @RateLimit}, {@code @SliceRateLimit},
 *       {@code @CircuitBreaker}) store nothing and combine with everything, in any order: outside
 *       a cache they count or lock every call, hits included; inside one only the misses; two
 *       rate limits stack as a burst limit and a sustained one.</li>
 *   <li>The other pairs are rows of {@link #CONFLICTS} and {@link #BLOOM_CONFLICTS}.</li>
 * </ul>
 */
final class Combinations {
    private Combinations() {}

    /** Annotations (simple names) that store the method's result; at most one per method. */
    static final Set<String> VALUE_CACHES = Set.of("Cache", "Hit", "Dynamic", "Early", "Soft");

    private static final String BLOOM_ONE_ROLE = "a method either checks a Bloom filter or adds to one; use one of"
            + " them per method (a @BloomAdd sibling adds to a @Bloom filter)";

    /**
     * One combination that makes no sense.
     *
     * @param first an annotation's simple name
     * @param second another annotation's simple name
     * @param ordered whether the row applies only when {@code first} is written before (outside)
     *     {@code second}; otherwise it applies in both orders
     * @param why the reason and the fix, shown after "do not combine: "
     */
    record Conflict(String first, String second, boolean ordered, String why) {}

    /** Rows beyond the value-cache rule; add one per pair that must not stack. */
    static final List<Conflict> CONFLICTS = List.of();

    /**
     * The Bloom rows: a method either checks a filter or adds to one, and a value cache outside a
     * {@code @Bloom} would keep answering {@code false} for an element added since.
     */
    static final List<Conflict> BLOOM_CONFLICTS = Stream.concat(
            Stream.of(
                    new Conflict("Bloom", "BloomAdd", false, BLOOM_ONE_ROLE),
                    new Conflict("Bloom", "DualBloom", false, BLOOM_ONE_ROLE),
                    new Conflict("BloomAdd", "DualBloom", false, BLOOM_ONE_ROLE)),
            VALUE_CACHES.stream().sorted().map(cache -> new Conflict(cache, "Bloom", true,
                    "the cache outside the filter would keep serving a stored false after the element is added;"
                            + " write @Bloom first (outermost), then @" + cache)))
            .toList();

    /** Reports every conflicting pair among the annotations of one method, given in source order. */
    static void check(MethodRule.Context context, List<AnnotationMirror> annotations) {
        String method = context.method().getSimpleName().toString();
        for (int i = 0; i < annotations.size(); i++) {
            for (int j = i + 1; j < annotations.size(); j++) {
                String outer = simpleName(annotations.get(i));
                String inner = simpleName(annotations.get(j));
                String why = conflict(outer, inner);
                if (why != null) {
                    context.report().error(Messages.conflictingAnnotations(outer, inner, method, why),
                            context.method(), annotations.get(j), null);
                }
            }
        }
    }

    /** Why {@code outer} written before {@code inner} does not combine, or {@code null} when it does. */
    static @Nullable String conflict(String outer, String inner) {
        if (VALUE_CACHES.contains(outer) && VALUE_CACHES.contains(inner)) {
            return "both store the method's result, so one would hide the other; keep one of them"
                    + " (put @Failover over it to serve the last good value on errors)";
        }
        for (Conflict row : Stream.concat(CONFLICTS.stream(), BLOOM_CONFLICTS.stream()).toList()) {
            if ((row.first().equals(outer) && row.second().equals(inner))
                    || (!row.ordered() && row.first().equals(inner) && row.second().equals(outer))) {
                return row.why();
            }
        }
        return null;
    }

    private static String simpleName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getSimpleName().toString();
    }
}
