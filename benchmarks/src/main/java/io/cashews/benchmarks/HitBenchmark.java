package io.cashews.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.cashews.Cashews;
import java.time.Duration;
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
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A cache hit, three ways, on 1,000 warm keys: through a generated {@code @Cache} proxy on
 * {@code mem://}, through a hand-written Caffeine lookup with a hand-built key (the floor), and
 * through Spring's {@code @Cacheable} on the same kind of Caffeine cache. SPEC §12 bars: the proxy
 * at most 1.5× the hand-written lookup, at least 5× faster than Spring, and no allocation beyond
 * the key; the async hit at most 2× the sync one.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HitBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HitBenchmark {
    static final int CACHE_SIZE = 10_000;
    private static final int KEYS = 1_000;
    private static final String[] SHOPS = {"north", "south", "east", "west"};

    private Cashews cashews;
    private Catalog proxy;
    private com.github.benmanes.caffeine.cache.Cache<String, Item> caffeine;
    private CatalogSource source;
    private AnnotationConfigApplicationContext spring;
    private SpringCatalog springCatalog;

    /** Which of the warm keys the next call asks for; per thread, so threads do not contend. */
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
        source = new CatalogSource();
        cashews = Cashews.create("mem://?size=" + CACHE_SIZE);
        proxy = new Catalog_Cached(source, cashews);
        caffeine = Caffeine.newBuilder()
                .maximumSize(CACHE_SIZE)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        spring = new AnnotationConfigApplicationContext(SpringCacheConfig.class);
        springCatalog = spring.getBean(SpringCatalog.class);
        for (int i = 0; i < KEYS; i++) {
            proxy.item(shop(i), i);
            proxy.itemAsync(shop(i), i).join();
            handWritten(shop(i), i);
            springCatalog.item(shop(i), i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        spring.close();
        cashews.close();
    }

    private static String shop(int i) {
        return SHOPS[i & 3];
    }

    private Item handWritten(String shop, long id) {
        String key = "item:" + shop + ':' + id;
        Item item = caffeine.getIfPresent(key);
        if (item == null) {
            item = source.item(shop, id);
            caffeine.put(key, item);
        }
        return item;
    }

    /** The generated proxy, sync. */
    @Benchmark
    public Item cashewsProxy(Cursor cursor) {
        int i = cursor.advance();
        return proxy.item(shop(i), i);
    }

    /** The generated proxy, {@code CompletableFuture} result, joined. */
    @Benchmark
    public Item cashewsProxyAsync(Cursor cursor) {
        int i = cursor.advance();
        return proxy.itemAsync(shop(i), i).join();
    }

    /** The floor: Caffeine {@code getIfPresent} with a hand-built key. */
    @Benchmark
    public Item handWrittenCaffeine(Cursor cursor) {
        int i = cursor.advance();
        return handWritten(shop(i), i);
    }

    /** Spring's {@code @Cacheable} proxy on a Caffeine cache. */
    @Benchmark
    public Item springCacheable(Cursor cursor) {
        int i = cursor.advance();
        return springCatalog.item(shop(i), i);
    }
}
