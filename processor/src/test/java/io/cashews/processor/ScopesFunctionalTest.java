package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Detect;
import io.cashews.DetectCall;
import io.cashews.KeyContext;
import io.cashews.Middleware;
import io.cashews.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Detect, callbacks, middlewares and scope capture (SPEC §10) through generated proxies on
 * {@code mem://}, sync and with {@code CompletableFuture} work that completes on another executor.
 */
@SuppressWarnings("try") // scopes are opened for their effect
class ScopesFunctionalTest {

    private static final String USERS = """
            package sc;

            import io.cashews.annotations.*;
            import java.util.concurrent.CompletableFuture;

            public interface Users {
                @Cache(ttl = "1h", key = "user:{id}")
                String find(int id);

                @Cache(ttl = "1h", key = "async:{id}")
                CompletableFuture<String> findAsync(int id);

                @Cache(ttl = "1h", key = "tenant:{@:get(tenant)}:{id}")
                CompletableFuture<String> inTenant(int id);

                @Failover(ttl = "1h")
                @Cache(ttl = "1h", key = "stacked:{id}")
                CompletableFuture<String> stacked(int id);
            }
            """;

    private static final String USERS_IMPL = """
            package sc;

            import io.cashews.KeyContext;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;
            import java.util.concurrent.atomic.AtomicInteger;

            public final class UsersImpl implements Users {
                private final Executor elsewhere;
                public final AtomicInteger calls = new AtomicInteger();

                public UsersImpl(Executor elsewhere) {
                    this.elsewhere = elsewhere;
                }

                @Override public String find(int id) {
                    return "user " + id + " #" + calls.incrementAndGet();
                }

                @Override public CompletableFuture<String> findAsync(int id) {
                    int call = calls.incrementAndGet();
                    return CompletableFuture.supplyAsync(() -> "async " + id + " #" + call, elsewhere);
                }

                @Override public CompletableFuture<String> inTenant(int id) {
                    Object tenant = KeyContext.get("tenant");
                    return CompletableFuture.supplyAsync(() -> tenant + " " + id, elsewhere);
                }

                @Override public CompletableFuture<String> stacked(int id) {
                    int call = calls.incrementAndGet();
                    return CompletableFuture.supplyAsync(() -> "stacked " + id + " #" + call, elsewhere);
                }
            }
            """;

    private static CompiledClasses classes;

    private ExecutorService elsewhere;
    private Cashews cache;
    private Object proxy;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("sc.Users", USERS),
                Compilations.source("sc.UsersImpl", USERS_IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() {
        elsewhere = Executors.newFixedThreadPool(2);
        cache = new Cashews();
    }

    private void start(Middleware... middlewares) throws Exception {
        cache.setup("mem://", middlewares);
        proxy = classes.create("sc.Users_Cached", classes.create("sc.UsersImpl", elsewhere), cache);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        elsewhere.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    private String await(Object future) throws Exception {
        return ((CompletableFuture<String>) future).get(5, TimeUnit.SECONDS);
    }

    // Asynchronous replies arrive on another thread, as a remote backend's would.
    private Middleware remote() {
        return (command, backend, args, next) -> {
            Object result = next.call(args);
            return next.async() ? ((CompletableFuture<?>) result).thenApplyAsync(value -> value, elsewhere) : result;
        };
    }

    @Test
    void nestedDetectScopesBothSeeSyncAndAsyncHits() throws Throwable {
        start();
        call(proxy, "find", 1);
        await(call(proxy, "findAsync", 2));
        try (Detect outer = cache.detect()) {
            try (Detect inner = cache.detect()) {
                assertThat(call(proxy, "find", 1)).isEqualTo("user 1 #1");
                assertThat(await(call(proxy, "findAsync", 2))).isEqualTo("async 2 #2");
                call(proxy, "find", 3);   // a computation: not a hit
                assertThat(inner.calls()).containsOnlyKeys("user:1", "async:2");
            }
            call(proxy, "find", 1);
            assertThat(outer.calls().get("user:1")).hasSize(2);
            DetectCall hit = outer.calls().get("async:2").get(0);
            assertThat(hit.strategy()).isEqualTo("simple");
            assertThat(hit.template()).isEqualTo("async:{id}");
            assertThat(hit.value()).isEqualTo("async 2 #2");
        }
    }

    @Test
    void aDetectScopeReceivesAsyncHitsServedOnAnotherThread() throws Throwable {
        start(remote());
        await(call(proxy, "stacked", 5));
        try (Detect detect = cache.detect()) {
            assertThat(await(call(proxy, "stacked", 5))).isEqualTo("stacked 5 #1");
            assertThat(detect.calls()).containsOnlyKeys("stacked:5");
        }
    }

    @Test
    void disablingInsideTheScopeSkipsTheStoreOfTheAsyncCompletion() throws Throwable {
        start(remote());
        Object pending;
        try (Scope off = cache.disabling(Command.SET)) {
            pending = call(proxy, "findAsync", 7);
        }
        assertThat(await(pending)).isEqualTo("async 7 #1");
        assertThat(cache.exists("async:7")).isFalse();

        Object stacked;
        try (Scope off = cache.disabling(Command.SET)) {
            stacked = call(proxy, "stacked", 8);
        }
        assertThat(await(stacked)).isEqualTo("stacked 8 #2");
        assertThat(cache.scan("*").toList()).as("neither layer stored").isEmpty();

        assertThat(await(call(proxy, "findAsync", 7))).isEqualTo("async 7 #3");
        assertThat(cache.exists("async:7")).isTrue();
    }

    @Test
    void theKeyContextRendersTheKeyOfTheCallMadeInsideIt() throws Throwable {
        start(remote());
        Object pending;
        try (Scope tenant = KeyContext.with("tenant", "acme")) {
            pending = call(proxy, "inTenant", 1);
        }
        assertThat(await(pending)).isEqualTo("acme 1");
        assertThat(cache.exists("tenant:acme:1")).isTrue();
    }

    @Test
    void callbacksHearTheProxysCommandsIncludingTheAsyncStoreOnAnotherThread() throws Throwable {
        start(remote());
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        Object pending;
        try (Scope scope = cache.callback((command, key, result) -> heard.add(command + " " + key), Command.SET)) {
            call(proxy, "find", 1);
            pending = call(proxy, "findAsync", 2);
            await(pending);
        }
        assertThat(heard).containsExactly("SET user:1", "SET async:2");
    }

    @Test
    void aMiddlewareSeesTheProxysCommandsInOrder() throws Throwable {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        start((command, backend, args, next) -> {
            seen.add(command + " " + args[0]);
            return next.call(args);
        });
        call(proxy, "find", 1);
        call(proxy, "find", 1);
        assertThat(seen).containsExactly("GET user:1", "GET user:1", "SET user:1", "GET user:1");
    }
}
