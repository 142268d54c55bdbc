package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 D7: a {@code null} stored under a primitive method's key (by the facade, another
 * method with the same key, another process) made the proxy throw a {@code NullPointerException}
 * while unboxing. It reads as a miss now, in every layer that serves stored values.
 */
class PrimitiveStoredNullTest {

    private static final String PRIMS = """
            package pn;

            import io.cashews.annotations.*;
            import java.io.IOException;

            public interface Prims {
                @Cache(ttl = "1h", key = "count:{id}")
                int count(String id);

                @Cache(ttl = "1h", key = "flag:{id}", protect = false, timeCondition = "1ms")
                boolean flag(String id);

                @Hit(ttl = "1h", cacheHits = 3, key = "hits:{id}", prefix = "")
                long hits(String id);

                @Early(ttl = "1h", key = "early:{id}", prefix = "")
                double early(String id);

                @Soft(ttl = "1h", key = "soft:{id}", prefix = "")
                char soft(String id);

                @Failover(ttl = "1h", key = "fail:{id}", prefix = "", exceptions = IOException.class)
                int failing(String id) throws IOException;
            }
            """;

    private static final String PRIMS_IMPL = """
            package pn;

            import java.io.IOException;

            public class PrimsImpl implements Prims {
                public int calls;
                @Override public int count(String id) { calls++; return 41 + calls; }
                @Override public boolean flag(String id) { calls++; return true; }
                @Override public long hits(String id) { calls++; return 7L; }
                @Override public double early(String id) { calls++; return 1.5; }
                @Override public char soft(String id) { calls++; return 'c'; }
                @Override public int failing(String id) throws IOException { calls++; throw new IOException("down"); }
            }
            """;

    private static CompiledClasses classes;
    private Cashews cache;
    private Object impl;
    private Object proxy;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("pn.Prims", PRIMS), Compilations.source("pn.PrimsImpl", PRIMS_IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() throws Exception {
        cache = Cashews.builder().clock(new ManualClock()).build();
        cache.setup("mem://");
        impl = classes.create("pn.PrimsImpl");
        proxy = classes.create("pn.Prims_Cached", impl, cache);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private int calls() throws Exception {
        return impl.getClass().getField("calls").getInt(impl);
    }

    @Test
    void aStoredNullUnderAPrimitiveCacheKeyIsAMissNotANullPointerException() throws Throwable {
        cache.set("count:x", null, Duration.ofHours(1));
        cache.set("flag:x", null, Duration.ofHours(1));
        assertThat(call(proxy, "count", "x")).isEqualTo(42);
        assertThat(call(proxy, "count", "x")).isEqualTo(42);
        assertThat(call(proxy, "flag", "x")).isEqualTo(true);
        assertThat(calls()).isEqualTo(2);
        assertThat((Object) cache.get("count:x")).isEqualTo(42);
    }

    @Test
    void aStoredNullIsAMissInTheOtherValueLayers() throws Throwable {
        cache.set("hits:x", null, Duration.ofHours(1));
        cache.set("early:x", null, Duration.ofHours(1));
        cache.set("soft:x", null, Duration.ofHours(1));
        assertThat(call(proxy, "hits", "x")).isEqualTo(7L);
        assertThat(call(proxy, "early", "x")).isEqualTo(1.5);
        assertThat(call(proxy, "soft", "x")).isEqualTo('c');
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void aFailoverWithAStoredNullRethrowsTheOriginalFailure() throws Throwable {
        cache.set("fail:x", null, Duration.ofHours(1));
        assertThatThrownBy(() -> call(proxy, "failing", "x")).isInstanceOf(IOException.class).hasMessage("down");
    }
}
