package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.KeyContext;
import io.cashews.Scope;
import io.cashews.internal.Keys;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compiles real interfaces and implementations with the processor, loads the proxies and runs
 * them on a {@code mem://} cache with a manual clock.
 */
class FunctionalTest {

    private static final String MODEL = """
            package fx;

            import java.util.Map;

            public final class Model {
                private Model() {}

                public record User(String uid, String name) {}
                public record Request(User user, Map<String, String> headers) {}
                public enum Color { RED, GREEN }
            }
            """;

    private static final String USER_SERVICE = """
            package fx;

            import io.cashews.annotations.Cache;
            import fx.Model.*;
            import java.io.IOException;
            import java.sql.SQLException;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            public interface UserService {
                @Cache(ttl = "10m", key = "user:{id}")
                String find(long id);

                @Cache(ttl = "1h", key = "req:{request.user.uid}:{request.headers.host}")
                String current(Request request);

                @Cache(ttl = "1h", key = "fmt:{name:lower}:{name:upper}:{name:len}:{name:hash}:{name:hash(sha256)}:{color}")
                String formatted(String name, Color color);

                @Cache(ttl = "1h")
                String byDefault(int page, String name);

                @Cache(ttl = "1h", key = "{id}", prefix = "pre")
                String prefixed(String id);

                @Cache(ttl = "1h", key = "maybe:{id}", condition = io.cashews.NotNullCondition.class)
                String maybe(String id);

                @Cache(ttl = "1h", key = "short:{id}", ttlFunction = fx.OneSecond.class)
                String shortLived(String id);

                @Cache(ttl = "1h", key = "ctx:{@:get(tenant)}:{id}")
                String tenant(String id);

                @Cache(ttl = "1h", key = "count:{name}")
                int count(String name);

                @Cache(ttl = "1h", key = "locked:{id}", lock = true, protect = false, timeCondition = "1ms")
                String locked(String id);

                @Cache(ttl = "1h", key = "async:{id}")
                CompletableFuture<String> async(String id);

                @Cache(ttl = "1h", key = "stage:{id}")
                CompletionStage<String> stage(String id);

                @Cache(ttl = "1h", key = "io:{id}")
                String io(String id) throws IOException;

                @Cache(ttl = "1h", key = "two:{id}")
                String two(String id) throws IOException, SQLException;

                @Cache(ttl = "1h", key = "greet:{name}")
                default String greet(String name) {
                    return "hello " + name;
                }

                String plain(String id);

                void reset();
            }
            """;

    private static final String ONE_SECOND = """
            package fx;

            import io.cashews.TtlFunction;
            import java.time.Duration;

            public class OneSecond implements TtlFunction {
                @Override
                public Duration ttl(Object[] args, Object result) {
                    return Duration.ofSeconds(1);
                }
            }
            """;

    private static final String USER_SERVICE_IMPL = """
            package fx;

            import fx.Model.*;
            import java.io.IOException;
            import java.sql.SQLException;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            public class UserServiceImpl implements UserService {
                public int calls;
                public int resets;
                public IOException io = new IOException("io");
                public SQLException sql = new SQLException("sql");

                @Override public String find(long id) { calls++; return "user" + id + "#" + calls; }
                @Override public String current(Request request) { calls++; return "current#" + calls; }
                @Override public String formatted(String name, Color color) { calls++; return "f#" + calls; }
                @Override public String byDefault(int page, String name) { calls++; return "d#" + calls; }
                @Override public String prefixed(String id) { calls++; return "p#" + calls; }
                @Override public String maybe(String id) { calls++; return id.equals("null") ? null : "m#" + calls; }
                @Override public String shortLived(String id) { calls++; return "s#" + calls; }
                @Override public String tenant(String id) { calls++; return "t#" + calls; }
                @Override public int count(String name) { calls++; return name.length() + 100 * calls; }
                @Override public String locked(String id) { calls++; return "l#" + calls; }
                @Override public CompletableFuture<String> async(String id) {
                    calls++;
                    return CompletableFuture.completedFuture("a#" + calls);
                }
                @Override public CompletionStage<String> stage(String id) {
                    calls++;
                    return CompletableFuture.completedFuture("st#" + calls);
                }
                @Override public String io(String id) throws IOException { calls++; throw io; }
                @Override public String two(String id) throws IOException, SQLException {
                    calls++;
                    if (id.equals("io")) {
                        throw io;
                    }
                    throw sql;
                }
                @Override public String greet(String name) { calls++; return UserService.super.greet(name); }
                @Override public String plain(String id) { calls++; return "plain#" + calls; }
                @Override public void reset() { resets++; }
            }
            """;

    private static final String GENERIC = """
            package fx;

            import io.cashews.annotations.Cache;
            import java.util.List;

            public interface Repository<T extends CharSequence> {
                @Cache(ttl = "1h", key = "repo:{id}:{holder.value}")
                T find(String id, Holder<T> holder);

                @Cache(ttl = "1h", key = "all:{ids}")
                <E extends Comparable<E>> List<T> all(List<E> ids);

                final class Holder<V> {
                    public final V value;
                    public Holder(V value) { this.value = value; }
                }
            }
            """;

    private static final String GENERIC_IMPL = """
            package fx;

            import java.util.List;

            public class RepositoryImpl implements Repository<String> {
                public int calls;
                @Override public String find(String id, Holder<String> holder) { calls++; return id + "#" + calls; }
                @Override public <E extends Comparable<E>> List<String> all(List<E> ids) {
                    calls++;
                    return List.of("all#" + calls);
                }
            }
            """;

    private static final String NESTED = """
            package fx;

            import io.cashews.annotations.Cache;

            public final class Outer {
                private Outer() {}

                public interface Base {
                    @Cache(ttl = "1h", key = "base:{id}")
                    String base(String id);
                }

                public interface Inner extends Base {
                    @Cache(ttl = "1h", key = "inner:{id}")
                    String inner(String id);
                }

                public static class InnerImpl implements Inner {
                    public int calls;
                    @Override public String base(String id) { calls++; return "b#" + calls; }
                    @Override public String inner(String id) { calls++; return "i#" + calls; }
                }
            }
            """;

    private static CompiledClasses classes;

    private ManualClock clock;
    private Cashews cache;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("fx.Model", MODEL),
                Compilations.source("fx.UserService", USER_SERVICE),
                Compilations.source("fx.OneSecond", ONE_SECOND),
                Compilations.source("fx.UserServiceImpl", USER_SERVICE_IMPL),
                Compilations.source("fx.Repository", GENERIC),
                Compilations.source("fx.RepositoryImpl", GENERIC_IMPL),
                Compilations.source("fx.Outer", NESTED));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() {
        clock = new ManualClock();
        cache = Cashews.builder().clock(clock).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private Object impl;
    private Object proxy;

    private Object userService() throws Exception {
        impl = classes.create("fx.UserServiceImpl");
        proxy = classes.create("fx.UserService_Cached", impl, cache);
        return proxy;
    }

    private int calls() throws Exception {
        return impl.getClass().getField("calls").getInt(impl);
    }

    private Object model(String record, Object... args) throws Exception {
        return classes.create("fx.Model$" + record, args);
    }

    @Test
    void secondCallWithTheSameKeyIsAHit() throws Throwable {
        Object service = userService();
        assertThat(call(service, "find", 1L)).isEqualTo("user1#1");
        assertThat(call(service, "find", 1L)).isEqualTo("user1#1");
        assertThat(call(service, "find", 2L)).isEqualTo("user2#2");
        assertThat(calls()).isEqualTo(2);
        assertThat((Object) cache.get("user:1")).isEqualTo("user1#1");
    }

    @Test
    void aStoredValueOfAnotherTypeIsAMissNotAClassCastException() throws Throwable {
        Object service = userService();
        // Written under the method's key by other code: the proxy's declared result type decides.
        cache.set("user:1", 42L, Duration.ofHours(1));
        cache.set("count:ab", "not a number", Duration.ofHours(1));
        cache.set("async:a", 7, Duration.ofHours(1));
        assertThat(call(service, "find", 1L)).isEqualTo("user1#1");
        assertThat(call(service, "count", "ab")).isEqualTo(202);
        assertThat(((CompletableFuture<?>) call(service, "async", "a")).join()).isEqualTo("a#3");
        assertThat(call(service, "find", 1L)).isEqualTo("user1#1");
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void entriesExpireAfterTheirTtl() throws Throwable {
        Object service = userService();
        call(service, "find", 1L);
        clock.advance(Duration.ofMinutes(9));
        assertThat(call(service, "find", 1L)).isEqualTo("user1#1");
        clock.advance(Duration.ofMinutes(2));
        assertThat(call(service, "find", 1L)).isEqualTo("user1#2");
    }

    @Test
    void propertyPathsRenderNullLinksAsNull() throws Throwable {
        Object service = userService();
        Object user = model("User", "u1", "Ann");
        call(service, "current", model("Request", user, java.util.Map.of("host", "example.org")));
        call(service, "current", model("Request", null, java.util.Map.of()));
        call(service, "current", new Object[] {null});
        assertThat(cache.exists("req:u1:example.org")).isTrue();
        assertThat(cache.exists("req:null:null")).isTrue();
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void formattersAndEnumsRenderThroughTheRuntime() throws Throwable {
        Object service = userService();
        Object red = classes.loadClass("fx.Model$Color").getEnumConstants()[0];
        call(service, "formatted", "MiXed", red);
        String expected = "fmt:mixed:MIXED:" + Keys.len("MiXed") + ":" + Keys.hash("MiXed") + ":"
                + Keys.hash("MiXed", "sha256") + ":RED";
        assertThat(cache.exists(expected)).as(expected).isTrue();
    }

    @Test
    void defaultKeyNamesTheInterfaceMethodAndParameters() throws Throwable {
        Object service = userService();
        call(service, "byDefault", 3, "bob");
        assertThat(cache.exists("fx.UserService.byDefault:page:3:name:bob")).isTrue();
    }

    @Test
    void prefixGoesInFrontOfTheKey() throws Throwable {
        Object service = userService();
        call(service, "prefixed", "x");
        assertThat(cache.exists("pre:x")).isTrue();
    }

    @Test
    void conditionDecidesWhatIsStored() throws Throwable {
        Object service = userService();
        assertThat(call(service, "maybe", "null")).isNull();
        assertThat(call(service, "maybe", "null")).isNull();
        assertThat(calls()).isEqualTo(2);
        call(service, "maybe", "a");
        call(service, "maybe", "a");
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void ttlFunctionReplacesTheFixedTtl() throws Throwable {
        Object service = userService();
        call(service, "shortLived", "a");
        clock.advance(Duration.ofMillis(500));
        assertThat(call(service, "shortLived", "a")).isEqualTo("s#1");
        clock.advance(Duration.ofMillis(600));
        assertThat(call(service, "shortLived", "a")).isEqualTo("s#2");
    }

    @Test
    void keyContextValuesArePartOfTheKey() throws Throwable {
        Object service = userService();
        Scope scope = KeyContext.with("tenant", "acme");
        try {
            call(service, "tenant", "1");
        } finally {
            scope.close();
        }
        call(service, "tenant", "1");
        assertThat(cache.exists("ctx:acme:1")).isTrue();
        assertThat(cache.exists("ctx:null:1")).isTrue();
    }

    @Test
    void primitiveResultsAreBoxedThroughTheCache() throws Throwable {
        Object service = userService();
        assertThat(call(service, "count", "abc")).isEqualTo(103);
        assertThat(call(service, "count", "abc")).isEqualTo(103);
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void timeConditionStoresOnlySlowResults() throws Throwable {
        Object service = userService();
        // The manual clock does not move during the call, so the computation took 0 ms (< 1 ms).
        assertThat(call(service, "locked", "a")).isEqualTo("l#1");
        assertThat(call(service, "locked", "a")).isEqualTo("l#2");
        assertThat(cache.exists("locked:a")).isFalse();
        assertThat(cache.exists("lock:locked:a")).isFalse();
    }

    @Test
    void asyncMethodsAreCachedWithoutBlocking() throws Throwable {
        Object service = userService();
        assertThat(((CompletableFuture<?>) call(service, "async", "1")).join()).isEqualTo("a#1");
        assertThat(((CompletableFuture<?>) call(service, "async", "1")).join()).isEqualTo("a#1");
        assertThat(((CompletionStage<?>) call(service, "stage", "1")).toCompletableFuture().join())
                .isEqualTo("st#2");
        assertThat(((CompletionStage<?>) call(service, "stage", "1")).toCompletableFuture().join())
                .isEqualTo("st#2");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void checkedExceptionsPassThroughUnchanged() throws Throwable {
        Object service = userService();
        Object io = impl.getClass().getField("io").get(impl);
        Object sql = impl.getClass().getField("sql").get(impl);
        assertThatThrownBy(() -> call(service, "io", "1")).isSameAs(io);
        assertThatThrownBy(() -> call(service, "two", "io")).isSameAs(io);
        assertThatThrownBy(() -> call(service, "two", "sql")).isSameAs(sql);
        assertThatThrownBy(() -> call(service, "io", "1")).isSameAs(io);
        assertThat(calls()).isEqualTo(4);
    }

    @Test
    void annotatedDefaultMethodsAreCachedAroundTheDelegate() throws Throwable {
        Object service = userService();
        assertThat(call(service, "greet", "bob")).isEqualTo("hello bob");
        assertThat(call(service, "greet", "bob")).isEqualTo("hello bob");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void unannotatedMethodsDelegateEveryTime() throws Throwable {
        Object service = userService();
        assertThat(call(service, "plain", "1")).isEqualTo("plain#1");
        assertThat(call(service, "plain", "1")).isEqualTo("plain#2");
        call(service, "reset");
        assertThat(impl.getClass().getField("resets").getInt(impl)).isEqualTo(1);
    }

    @Test
    void genericInterfacesKeepTheirTypeParameters() throws Throwable {
        impl = classes.create("fx.RepositoryImpl");
        Object repository = classes.create("fx.Repository_Cached", impl, cache);
        Object holder = classes.create("fx.Repository$Holder", "v");
        assertThat(call(repository, "find", "1", holder)).isEqualTo("1#1");
        assertThat(call(repository, "find", "1", holder)).isEqualTo("1#1");
        assertThat(cache.exists("repo:1:v")).isTrue();
        call(repository, "all", java.util.List.of(1, 2));
        assertThat(call(repository, "all", java.util.List.of(1, 2))).isEqualTo(java.util.List.of("all#2"));
        assertThat(cache.exists("all:1:2")).isTrue();
    }

    @Test
    void nestedInterfacesInheritCachedMethods() throws Throwable {
        impl = classes.create("fx.Outer$InnerImpl");
        Object inner = classes.create("fx.Outer_Inner_Cached", impl, cache);
        call(inner, "inner", "1");
        call(inner, "inner", "1");
        call(inner, "base", "1");
        call(inner, "base", "1");
        assertThat(calls()).isEqualTo(2);
        assertThat(cache.exists("inner:1")).isTrue();
        assertThat(cache.exists("base:1")).isTrue();
        assertThat(classes.loadClass("fx.Outer_Base_Cached")).isNotNull();
    }

    @Test
    void nullArgumentsAreRejectedByTheConstructor() throws Exception {
        Object delegate = classes.create("fx.UserServiceImpl");
        assertThatThrownBy(() -> classes.create("fx.UserService_Cached", delegate, null))
                .hasRootCauseInstanceOf(NullPointerException.class);
    }
}
