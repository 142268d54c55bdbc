package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.time.ManualClock;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 D4: an interface extending an annotated interface of another compilation (a library
 * jar, another module) lost the parent's caching, because the annotations were source-retained.
 * The parent is compiled first; the child is compiled against its class files only.
 */
class CrossCompilationInheritanceTest {

    private static final String BASE = """
            package lib;

            import io.cashews.annotations.Cache;
            import io.cashews.annotations.CircuitBreaker;

            public interface Base {
                @Cache(ttl = "1m")
                String base(String id);

                @Cache(ttl = "1m", key = "explicit:{id}", prefix = "p")
                String explicit(String id);

                @CircuitBreaker(errorsRate = 50, period = "1m", ttl = "1m", minCalls = 2,
                        exceptions = {IllegalStateException.class, IllegalArgumentException.class})
                String guarded(String id);
            }
            """;

    private static final String CHILD = """
            package app;

            import io.cashews.annotations.Cache;

            public interface Child extends lib.Base {
                @Cache(ttl = "1m")
                String child(String id);
            }
            """;

    private static final String CHILD_IMPL = """
            package app;

            public class ChildImpl implements Child {
                public int calls;
                @Override public String base(String id) { calls++; return "base-" + id; }
                @Override public String explicit(String id) { calls++; return "explicit-" + id; }
                @Override public String guarded(String id) { calls++; throw new IllegalStateException("down"); }
                @Override public String child(String id) { calls++; return "child-" + id; }
            }
            """;

    @TempDir
    static Path libraryClasses;

    private static CompiledClasses classes;
    private Cashews cache;

    @BeforeAll
    static void compile() throws IOException {
        Compilation library = Compilations.compile(Compilations.source("lib.Base", BASE));
        Compilations.assertCleanSuccess(library);
        KeyFormatterFunctionalTest.writeClasses(library, libraryClasses);

        Compilation child = Compilations.compileWithClasspath(List.of(libraryClasses),
                Compilations.source("app.Child", CHILD), Compilations.source("app.ChildImpl", CHILD_IMPL));
        Compilations.assertCleanSuccess(child);
        URLClassLoader parent = new URLClassLoader(new URL[] {libraryClasses.toUri().toURL()},
                CrossCompilationInheritanceTest.class.getClassLoader());
        classes = new CompiledClasses(child, parent);
    }

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(new ManualClock()).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void theChildsProxyCachesTheMethodsOfAParentFromClassFiles() throws Throwable {
        Object impl = classes.create("app.ChildImpl");
        Object proxy = classes.create("app.Child_Cached", impl, cache);
        assertThat(call(proxy, "base", "1")).isEqualTo("base-1");
        assertThat(call(proxy, "base", "1")).isEqualTo("base-1");
        assertThat(call(proxy, "explicit", "1")).isEqualTo("explicit-1");
        assertThat(call(proxy, "explicit", "1")).isEqualTo("explicit-1");
        assertThat(call(proxy, "child", "1")).isEqualTo("child-1");
        assertThat(call(proxy, "child", "1")).isEqualTo("child-1");
        // was 4: base() delegated on every call
        assertThat(impl.getClass().getField("calls").getInt(impl)).isEqualTo(3);
        // the inherited method's default key names the proxied interface; the written one is kept
        assertThat(cache.scan("*").sorted().toList())
                .containsExactly("app.Child.base:id:1", "app.Child.child:id:1", "p:explicit:1");
    }

    @Test
    void theParentsCircuitBreakerOpensInTheChildsProxy() throws Throwable {
        Object impl = classes.create("app.ChildImpl");
        Object proxy = classes.create("app.Child_Cached", impl, cache);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> call(proxy, "guarded", "x"))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> call(proxy, "guarded", "x"))
                .isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(impl.getClass().getField("calls").getInt(impl)).isEqualTo(2);
    }

    @Test
    void aParentCompiledWithoutParameterNamesIsAClearErrorWhenATemplateNamesAParameter(@TempDir Path dir)
            throws IOException {
        Compilation library = javac().withProcessors(new CashewsProcessor()).compile(Compilations.source("lib.Base", BASE));
        assertThat(library.status()).isEqualTo(Compilation.Status.SUCCESS);
        KeyFormatterFunctionalTest.writeClasses(library, dir);
        JavaFileObject source = Compilations.source("app.Child", CHILD);
        Compilation compilation = Compilations.compileWithClasspath(List.of(dir), source);
        // base (default key) and guarded (no template, an array attribute) still work with the names arg0…
        assertThat(compilation.errors()).hasSize(1);
        CompilationSubject.assertThat(compilation)
                .hadErrorContaining("[CashewsNoParameterNames] interface app.Child inherits method 'explicit' from"
                        + " lib.Base, read from a class file without parameter names (compiled without -parameters)")
                .inFile(source).onLineContaining("interface Child");
    }
}
