package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proxies of issue 19's shapes that used not to compile, run: exceptions declared as type
 * variables pass through unchanged, an ambiguous inherited method is cached and reaches its
 * implementation, and a same-package {@code Void} does not disturb a {@code void} method.
 */
class HostileShapesFunctionalTest {

    private static final String SERVICE = """
            package hx;

            import io.cashews.annotations.*;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            public interface Service<X extends Exception> {
                @Cache(ttl = "1m") <E extends Exception> String two(String id) throws E, IOException;
                @Cache(ttl = "1m") <E extends Exception> CompletableFuture<String> async(String id) throws E;
                @Failover(ttl = "1m") @Cache(ttl = "1m") String level(String id) throws X, IOException;
            }
            """;

    private static final String SERVICE_IMPL = """
            package hx;

            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            public final class ServiceImpl implements Service<MyException> {
                public final MyException mine = new MyException();
                public final IOException io = new IOException("io");
                public int calls;

                @Override
                @SuppressWarnings("unchecked")
                public <E extends Exception> String two(String id) throws E, IOException {
                    calls++;
                    if (id.equals("io")) throw io;
                    if (id.equals("mine")) throw (E) mine;
                    return "two:" + id;
                }

                @Override
                @SuppressWarnings("unchecked")
                public <E extends Exception> CompletableFuture<String> async(String id) throws E {
                    calls++;
                    if (id.equals("mine")) throw (E) mine;
                    return CompletableFuture.completedFuture("async:" + id);
                }

                @Override
                public String level(String id) throws MyException, IOException {
                    calls++;
                    if (id.equals("mine")) throw mine;
                    return "level:" + id;
                }
            }
            """;

    private static final String MY_EXCEPTION = """
            package hx;

            public final class MyException extends Exception {
                private static final long serialVersionUID = 1L;
            }
            """;

    private static final String DIAMOND = """
            package hx;

            import io.cashews.annotations.Cache;

            public final class Diamond {
                private Diamond() {}

                public interface A<T> { @Cache(ttl = "1m", key = "g:{id}") T get(T id); }
                public interface B { @Cache(ttl = "1m", key = "g:{id}") String get(String id); }
                public interface C extends A<String>, B { @Cache(ttl = "1m") String other(String id); }

                public static final class Impl implements C {
                    public int calls;
                    @Override public String get(String id) { calls++; return "got:" + id; }
                    @Override public String other(String id) { return id; }
                }
            }
            """;

    private static final String VOID = "package hx; public final class Void {}";

    private static final String TOUCH = """
            package hx;

            public interface Touch {
                @io.cashews.annotations.Failover(ttl = "1m") void touch(String id);
            }
            """;

    private static CompiledClasses classes;
    private Cashews cache;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("hx.Service", SERVICE), Compilations.source("hx.ServiceImpl", SERVICE_IMPL),
                Compilations.source("hx.MyException", MY_EXCEPTION), Compilations.source("hx.Diamond", DIAMOND),
                Compilations.source("hx.Void", VOID), Compilations.source("hx.Touch", TOUCH));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private static Object field(Object target, String name) throws Exception {
        return target.getClass().getField(name).get(target);
    }

    @Test
    void exceptionsDeclaredAsTypeVariablesPassThroughUnchanged() throws Throwable {
        Object impl = classes.create("hx.ServiceImpl");
        Object proxy = classes.create("hx.Service_Cached", impl, cache);
        assertThatThrownBy(() -> call(proxy, "two", "mine")).isSameAs(field(impl, "mine"));
        assertThatThrownBy(() -> call(proxy, "two", "io")).isSameAs(field(impl, "io"));
        assertThatThrownBy(() -> call(proxy, "level", "mine")).isSameAs(field(impl, "mine"));
        assertThat(call(proxy, "two", "x")).isEqualTo("two:x");
        assertThat(call(proxy, "two", "x")).isEqualTo("two:x");
        assertThat(impl.getClass().getField("calls").getInt(impl)).isEqualTo(4);
    }

    @Test
    void anAsyncExceptionDeclaredAsATypeVariableBecomesAFailedFuture() throws Throwable {
        Object impl = classes.create("hx.ServiceImpl");
        Object proxy = classes.create("hx.Service_Cached", impl, cache);
        CompletableFuture<?> failed = (CompletableFuture<?>) call(proxy, "async", "mine");
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCauseReference((Throwable) field(impl, "mine"));
        assertThat(((CompletableFuture<?>) call(proxy, "async", "ok")).join()).isEqualTo("async:ok");
        assertThat(((CompletableFuture<?>) call(proxy, "async", "ok")).join()).isEqualTo("async:ok");
        assertThat(impl.getClass().getField("calls").getInt(impl)).isEqualTo(2);
    }

    @Test
    void anAmbiguousInheritedMethodIsCachedAndReachesItsImplementation() throws Throwable {
        Object impl = classes.create("hx.Diamond$Impl");
        Object proxy = classes.create("hx.Diamond_C_Cached", impl, cache);
        assertThat(call(proxy, "get", "1")).isEqualTo("got:1");
        assertThat(call(proxy, "get", "1")).isEqualTo("got:1");
        assertThat(impl.getClass().getField("calls").getInt(impl)).isEqualTo(1);
    }

    @Test
    void aVoidMethodRunsBesideASamePackageVoidClass() throws Throwable {
        int[] calls = {0};
        Class<?> touch = classes.loadClass("hx.Touch");
        Object impl = java.lang.reflect.Proxy.newProxyInstance(classes, new Class<?>[] {touch}, (p, m, a) -> {
            calls[0]++;
            return null;
        });
        Object proxy = classes.create("hx.Touch_Cached", impl, cache);
        assertThat(call(proxy, "touch", "1")).isNull();
        assertThat(calls[0]).isEqualTo(1);
    }
}
