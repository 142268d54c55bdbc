package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.Scope;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs generated proxies with {@code tags} on caching annotations and with {@code @Invalidate},
 * sync and asynchronous, on {@code mem://}.
 */
class TagsFunctionalTest {

    private static final String SERVICE = """
            package tx;

            import io.cashews.annotations.*;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            public interface Items {
                record User(long id, String name) {}

                @Cache(ttl = "1h", key = "item:{id}", tags = {"items", "owner:{owner.id}"})
                String item(int id, User owner);

                @Cache(ttl = "1h", key = "page:{page}", tags = "pages")
                CompletableFuture<String> page(int page);

                @Hit(ttl = "1h", cacheHits = 10, key = "hot:{id}", tags = "owner:{id}")
                String hot(long id);

                @Failover(ttl = "1h", key = "safe:{id}", tags = "owner:{id}")
                @Early(ttl = "1h", key = "safe:{id}", tags = "owner:{id}")
                String safe(long id) throws IOException;

                @Invalidate(value = {"item:{id}", "page:*"}, tags = "owner:{owner.id}")
                void save(int id, User owner);

                @Invalidate(tags = "pages")
                CompletableFuture<Void> republish(boolean fail);

                @Invalidate("item:{id}")
                String failingSave(int id) throws IOException;

                @Invalidate(tags = "pages")
                CompletableFuture<Void> later();
            }
            """;

    private static final String IMPL = """
            package tx;

            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;
            import java.util.concurrent.atomic.AtomicInteger;

            public class ItemsImpl implements Items {
                public final AtomicInteger calls = new AtomicInteger();
                public volatile Executor elsewhere = Runnable::run;

                @Override public String item(int id, User owner) { return "item" + id + "#" + calls.incrementAndGet(); }
                @Override public CompletableFuture<String> page(int page) {
                    return CompletableFuture.supplyAsync(() -> "page" + page + "#" + calls.incrementAndGet(), elsewhere);
                }
                @Override public String hot(long id) { return "hot#" + calls.incrementAndGet(); }
                @Override public String safe(long id) { return "safe#" + calls.incrementAndGet(); }
                @Override public void save(int id, User owner) { calls.incrementAndGet(); }
                @Override public CompletableFuture<Void> republish(boolean fail) {
                    return CompletableFuture.runAsync(() -> {
                        if (fail) {
                            throw new IllegalStateException("not published");
                        }
                    }, elsewhere);
                }
                @Override public String failingSave(int id) throws IOException { throw new IOException("disk full"); }
                public final CompletableFuture<Void> gate = new CompletableFuture<>();
                @Override public CompletableFuture<Void> later() { return gate; }
            }
            """;

    private static CompiledClasses classes;
    private static ExecutorService pool;

    private Cashews cache;
    private Object impl;
    private Object items;
    private Class<?> user;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("tx.Items", SERVICE), Compilations.source("tx.ItemsImpl", IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
        pool = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @BeforeEach
    void setUp() throws Exception {
        cache = Cashews.builder().clock(new ManualClock()).executor(Runnable::run).build();
        cache.setup("mem://");
        impl = classes.create("tx.ItemsImpl");
        items = classes.create("tx.Items_Cached", impl, cache);
        user = classes.loadClass("tx.Items$User");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private Object user(long id) throws Exception {
        return user.getConstructor(long.class, String.class).newInstance(id, "u" + id);
    }

    private int calls() throws Exception {
        return ((AtomicInteger) impl.getClass().getField("calls").get(impl)).get();
    }

    private void completeElsewhere() throws Exception {
        impl.getClass().getField("elsewhere").set(impl, (Executor) pool);
    }

    @Test
    void storedResultsJoinTheirRenderedTags() throws Throwable {
        assertThat(call(items, "item", 1, user(7))).isEqualTo("item1#1");
        assertThat(call(items, "item", 2, user(8))).isEqualTo("item2#2");
        assertThat(cache.setMembers("_tag:items")).containsExactlyInAnyOrder("item:1", "item:2");
        assertThat(cache.setMembers("_tag:owner:7")).containsExactly("item:1");
        assertThat(cache.getExpire("_tag:owner:7")).isEqualTo(3600);

        cache.deleteTags("owner:7");

        assertThat(call(items, "item", 1, user(7))).as("recomputed").isEqualTo("item1#3");
        assertThat(call(items, "item", 2, user(8))).as("other owner kept").isEqualTo("item2#2");
    }

    @Test
    void theProxyRegistersItsTagTemplates() {
        assertThat(cache.getKeyTags("item:5")).containsExactly("items");
        assertThat(cache.getKeyTags("hit:hot:5")).containsExactly("owner:5");
        // Tags the proxy did not declare for a key are refused.
        assertThatThrownBy(() -> cache.set("item:5", "x", java.time.Duration.ofMinutes(1), "pages"))
                .isInstanceOf(io.cashews.TagNotRegisteredException.class);
    }

    @Test
    void otherStrategiesTagTheirKeys() throws Throwable {
        assertThat(call(items, "hot", 3L)).isEqualTo("hot#1");
        assertThat(call(items, "safe", 3L)).isEqualTo("safe#2");
        assertThat(cache.setMembers("_tag:owner:3")).containsExactlyInAnyOrder("hit:hot:3", "fail:safe:3", "early:v2:safe:3");
        cache.deleteTags("owner:3");
        assertThat(call(items, "hot", 3L)).isEqualTo("hot#3");
        assertThat(call(items, "safe", 3L)).isEqualTo("safe#4");
    }

    @Test
    void asyncResultsAreTaggedWhenTheyCompleteElsewhere() throws Throwable {
        completeElsewhere();
        assertThat(((CompletableFuture<?>) call(items, "page", 4)).get(5, TimeUnit.SECONDS)).isEqualTo("page4#1");
        assertThat(cache.setMembers("_tag:pages")).containsExactly("page:4");
        assertThat(((CompletableFuture<?>) call(items, "republish", false)).get(5, TimeUnit.SECONDS)).isNull();
        assertThat(cache.exists("page:4")).isFalse();
        assertThat(((CompletableFuture<?>) call(items, "page", 4)).get(5, TimeUnit.SECONDS)).isEqualTo("page4#2");
    }

    @Test
    void invalidateDeletesKeysPatternsAndTagsAfterTheCall() throws Throwable {
        call(items, "item", 1, user(7));
        call(items, "item", 9, user(7));
        call(items, "item", 2, user(8));
        ((CompletableFuture<?>) call(items, "page", 1)).join();
        ((CompletableFuture<?>) call(items, "page", 2)).join();
        assertThat(cache.getKeysCount()).isGreaterThanOrEqualTo(5);

        call(items, "save", 2, user(7));

        assertThat(cache.exists("item:2")).as("the rendered key").isFalse();
        assertThat(cache.exists("page:1")).as("the pattern").isFalse();
        assertThat(cache.exists("page:2")).isFalse();
        assertThat(cache.exists("item:1")).as("tagged owner:7").isFalse();
        assertThat(cache.exists("item:9")).isFalse();
        assertThat(cache.exists("_tag:owner:7")).isFalse();
    }

    @Test
    void asyncInvalidationWaitsForTheCompletion() throws Throwable {
        ((CompletableFuture<?>) call(items, "page", 5)).join();
        CompletableFuture<?> result = (CompletableFuture<?>) call(items, "later");
        assertThat(cache.exists("page:5")).as("not before the work completed").isTrue();
        assertThat(result).isNotDone();
        @SuppressWarnings("unchecked")
        CompletableFuture<Void> gate = (CompletableFuture<Void>) impl.getClass().getField("gate").get(impl);
        gate.complete(null);
        assertThat(result).succeedsWithin(5, TimeUnit.SECONDS);
        assertThat(cache.exists("page:5")).isFalse();
    }

    @Test
    void aFailedCallInvalidatesNothing() throws Throwable {
        call(items, "item", 1, user(7));
        assertThatThrownBy(() -> call(items, "failingSave", 1)).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(cache.exists("item:1")).isTrue();

        completeElsewhere();
        ((CompletableFuture<?>) call(items, "page", 1)).get(5, TimeUnit.SECONDS);
        CompletableFuture<?> failed = (CompletableFuture<?>) call(items, "republish", true);
        assertThat(failed).failsWithin(5, TimeUnit.SECONDS);
        assertThat(cache.exists("page:1")).isTrue();
    }

    @Test
    void invalidateFurtherRecomputesThroughTheProxy() throws Throwable {
        assertThat(call(items, "item", 1, user(7))).isEqualTo("item1#1");
        try (Scope scope = cache.invalidateFurther()) {
            assertThat(call(items, "item", 1, user(7))).isEqualTo("item1#2");
            assertThat(((CompletableFuture<?>) call(items, "page", 3)).join()).isEqualTo("page3#3");
        }
        assertThat(call(items, "item", 1, user(7))).as("the recomputed value was stored").isEqualTo("item1#2");
        assertThat(calls()).isEqualTo(3);
    }
}
