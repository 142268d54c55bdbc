package io.cashews;

import java.util.List;
import java.util.Map;

/**
 * A scope that records the cache hits strategies serve on the current thread, opened by
 * {@link Cashews#detect()}:
 * <pre>{@code
 * try (Detect detect = cache.detect()) {
 *     service.find(1);
 *     List<DetectCall> hits = detect.calls().get("user:1");   // null: it was computed
 * }
 * }</pre>
 * Every hit a strategy serves (a stored value returned by {@code @Cache}, {@code @Failover}
 * answering from its stored value, {@code @Hit}, {@code @Early}, {@code @Soft}, an iterator
 * replay, …) is reported to every detect scope of the same instance open on the calling thread,
 * so nested scopes all receive it. Computations and misses are not recorded. A proxied call
 * made inside the scope reports its hits here even when they are served on another thread.
 * What was recorded stays readable after the scope closes; nothing is recorded afterwards.
 */
public interface Detect extends Scope {

    /**
     * Returns the hits recorded so far, per key, in the order they were served.
     *
     * @return an unmodifiable copy: keys in first-hit order, each with its hits in order
     */
    Map<String, List<DetectCall>> calls();
}
