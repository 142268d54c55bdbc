package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC §12's stampede bar through a generated proxy: 1,000 concurrent callers on a cold key cause
 * exactly one delegate call, with {@code protect} (one JVM) and with {@code lock} alone (the
 * backend lock that also holds across processes).
 */
class StampedeFunctionalTest {

    private static final String SERVICE = """
            package fx;

            import io.cashews.annotations.Cache;

            public interface Catalog {
                @Cache(ttl = "1h", key = "protected:{id}")
                String shared(String id);

                @Cache(ttl = "1h", key = "locked:{id}", lock = true, protect = false)
                String locked(String id);
            }
            """;

    private static final String IMPL = """
            package fx;

            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicInteger;

            public class SlowCatalog implements Catalog {
                public final AtomicInteger calls = new AtomicInteger();
                public final CountDownLatch allCalling = new CountDownLatch(64);

                @Override public String shared(String id) { return compute(id); }
                @Override public String locked(String id) { return compute(id); }

                private String compute(String id) {
                    int call = calls.incrementAndGet();
                    try {
                        // compute only once every caller thread (64) is calling, so they all pile up on the cold key
                        allCalling.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return id + "#" + call;
                }
            }
            """;

    @Test
    void protectLetsOneOfAThousandCallersCompute() throws Throwable {
        assertOneComputation("shared");
    }

    @Test
    void theBackendLockAloneLetsOneOfAThousandCallersCompute() throws Throwable {
        assertOneComputation("locked");
    }

    private static void assertOneComputation(String method) throws Throwable {
        Compilation compilation = Compilations.compile(
                Compilations.source("fx.Catalog", SERVICE), Compilations.source("fx.SlowCatalog", IMPL));
        Compilations.assertCleanSuccess(compilation);
        CompiledClasses classes = new CompiledClasses(compilation);
        Object impl = classes.create("fx.SlowCatalog");
        CountDownLatch allCalling = (CountDownLatch) impl.getClass().getField("allCalling").get(impl);
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try (Cashews cache = Cashews.create("mem://")) {
            Object proxy = classes.create("fx.Catalog_Cached", impl, cache);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                results.add(callers.submit(() -> {
                    start.await();
                    allCalling.countDown(); // the first 64 (one per thread) release the computation
                    try {
                        return CompiledClasses.call(proxy, method, "cold");
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            start.countDown();
            for (Future<Object> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("cold#1");
            }
        } finally {
            callers.shutdownNow();
        }
        Object calls = impl.getClass().getField("calls").get(impl);
        assertThat(calls).hasToString("1");
    }
}
