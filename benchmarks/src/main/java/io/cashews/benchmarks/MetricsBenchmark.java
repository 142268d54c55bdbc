package io.cashews.benchmarks;

import io.cashews.Cashews;
import io.cashews.micrometer.CashewsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code @Cache} proxy hit on {@code mem://} (1,000 warm keys, as {@link HitBenchmark}) with
 * {@link CashewsMetrics} bound to a {@link SimpleMeterRegistry}, against the same hit on an
 * instance with no listener. SPEC §14 aims at no more than 1.5× the unobserved hit.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MetricsBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {
    private static final int KEYS = 1_000;
    private static final String[] SHOPS = {"north", "south", "east", "west"};

    private Cashews plain;
    private Cashews observed;
    private Catalog unobservedProxy;
    private Catalog observedProxy;
    private SimpleMeterRegistry registry;

    /** Which of the warm keys the next call asks for; per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = i + 1 == KEYS ? 0 : i + 1;
            return i;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        CatalogSource source = new CatalogSource();
        plain = Cashews.create("mem://?size=" + HitBenchmark.CACHE_SIZE);
        observed = Cashews.create("mem://?size=" + HitBenchmark.CACHE_SIZE);
        registry = new SimpleMeterRegistry();
        new CashewsMetrics(observed, "bench").withoutSize().bindTo(registry);
        unobservedProxy = new Catalog_Cached(source, plain);
        observedProxy = new Catalog_Cached(source, observed);
        for (int i = 0; i < KEYS; i++) {
            unobservedProxy.item(SHOPS[i & 3], i);
            observedProxy.item(SHOPS[i & 3], i);
        }
        // The warm-up stored every key: one more call is a hit, and CashewsMetrics must count it.
        observedProxy.item(SHOPS[0], 0);
        if (registry.get("cache.gets").tag("result", "hit").counter().count() != 1) {
            throw new IllegalStateException("CashewsMetrics did not count the observed proxy's hit");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plain.close();
        observed.close();
    }

    /** The hit with no listener installed. */
    @Benchmark
    public Item unobservedHit(Cursor cursor) {
        int i = cursor.advance();
        return unobservedProxy.item(SHOPS[i & 3], i);
    }

    /** The hit with {@code CashewsMetrics} counting it. */
    @Benchmark
    public Item observedHit(Cursor cursor) {
        int i = cursor.advance();
        return observedProxy.item(SHOPS[i & 3], i);
    }
}
