package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Shapes a hostile user tried (issue 19) that gave proxies which did not compile, internal
 * errors, or wrong diagnostics: each now compiles cleanly or is a clear error on the element.
 */
class HostileShapesTest {

    private static String proxy(Compilation compilation, String name) throws IOException {
        return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
    }

    @Test
    void typeVariablesInThrowsCompileForAsyncMultiCatchAndInterfaceLevelExceptions() throws IOException {
        JavaFileObject methods = Compilations.source("test.GenericThrows", """
                package test;

                import io.cashews.annotations.*;
                import java.io.IOException;
                import java.util.concurrent.CompletableFuture;
                import java.util.stream.Stream;

                public interface GenericThrows {
                    @Cache(ttl = "1m") <E extends Exception> CompletableFuture<String> async(String id) throws E;
                    @Cache(ttl = "1m") <E extends Exception> String two(String id) throws E, IOException;
                    @Cache(ttl = "1m") <E extends Exception, F extends E> CompletableFuture<String> asyncTwo(String id)
                            throws F, IOException;
                    @Failover(ttl = "1m") @Cache(ttl = "1m")
                    <E extends IOException> String stacked(String id) throws E, java.sql.SQLException;
                    @Failover(ttl = "1m") @Cache(ttl = "1m")
                    <E extends Exception> CompletableFuture<String> stackedAsync(String id) throws E;
                    @Cache(ttl = "1m") <E extends Exception> Stream<String> lines(String id) throws E, IOException;
                }
                """);
        JavaFileObject iface = Compilations.source("test.Ex", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Ex<X extends Exception> {
                    @Cache(ttl = "1m") String find(String id) throws X, java.sql.SQLException;
                    @Cache(ttl = "1m") java.util.concurrent.CompletionStage<String> stage(String id) throws X;
                }
                """);
        Compilation compilation = Compilations.compile(methods, iface);
        Compilations.assertCleanSuccess(compilation);
        assertThat(proxy(compilation, "test.GenericThrows_Cached"))
                .contains("throw GenericThrows_Cached.<E>rethrow(e);")
                .containsOnlyOnce("private static <X extends Exception> RuntimeException rethrow(Exception e) throws X");
        assertThat(proxy(compilation, "test.Ex_Cached")).contains("throw Ex_Cached.<X>rethrow(e);");
    }

    @Test
    void sameNamedJavaLangClassesOfThePackageDoNotCaptureTheProxysNames() throws IOException {
        JavaFileObject[] sources = java.util.stream.Stream.of("String", "Object", "Override", "Exception", "Integer",
                        "Void")
                .map(n -> Compilations.source("game." + n, "package game; public class " + n + " {}"))
                .toArray(JavaFileObject[]::new);
        JavaFileObject character = Compilations.source("game.Character",
                "package game; public record Character(java.lang.String name, int level) {}");
        JavaFileObject stats = Compilations.source("game.Stats", """
                package game;

                import io.cashews.annotations.*;

                public interface Stats {
                    @Cache(ttl = "1m") char grade(long player);
                    @Cache(ttl = "1m") int count(long player);
                    @Cache(ttl = "1m") java.lang.String two(long id) throws java.io.IOException, java.sql.SQLException;
                    @Failover(ttl = "1m") void touch(long id);
                }
                """);
        JavaFileObject[] all = java.util.Arrays.copyOf(sources, sources.length + 2);
        all[sources.length] = character;
        all[sources.length + 1] = stats;
        Compilation compilation = Compilations.compile(all);
        Compilations.assertCleanSuccess(compilation);
        assertThat(proxy(compilation, "game.Stats_Cached"))
                .contains("ValueType.of(java.lang.Void.class)")
                .contains("@java.lang.Override")
                .contains("(java.lang.Character) hit");
    }

    @Test
    void javaLangNamesStayShortWithoutAClash() throws IOException {
        Compilation compilation = Compilations.compile(Compilations.source("test.Plain", """
                package test;

                public interface Plain { @io.cashews.annotations.Cache(ttl = "1m") String get(String id); }
                """));
        Compilations.assertCleanSuccess(compilation);
        assertThat(proxy(compilation, "test.Plain_Cached")).doesNotContain("java.lang.");
    }

    @Test
    void aPrivateNestedTypeInTheSignatureIsAnErrorOnTheMethod() {
        JavaFileObject source = Compilations.source("test.Holder", """
                package test;

                import io.cashews.annotations.Cache;

                public class Holder {
                    private static final class Secret { @Override public String toString() { return "s"; } }
                    public interface Svc {
                        @Cache(ttl = "1m") String get(Secret s);
                    }
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsInaccessibleType] method 'get' uses type test.Holder.Secret,"
                + " which is private in test.Holder, so the proxy cannot name it").inFile(source)
                .onLineContaining("String get(Secret s)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aKeyPathThroughATypeOfAnotherPackageThatIsNotPublicIsAnError() {
        JavaFileObject api = Compilations.source("lib.Api",
                "package lib; public class Api { public Hidden getImpl() { return new Hidden(); } }");
        JavaFileObject hidden = Compilations.source("lib.Hidden",
                "package lib; class Hidden { public String getName() { return \"n\"; } }");
        JavaFileObject source = Compilations.source("app.Svc", """
                package app;

                import io.cashews.annotations.Cache;

                public interface Svc {
                    @Cache(ttl = "1m", key = "n:{api.impl.name}") String get(lib.Api api);
                }
                """);
        Compilation compilation = Compilations.compile(api, hidden, source);
        assertThat(compilation).hadErrorContaining("[CashewsInaccessibleProperty] property 'name' (in {api.impl.name}"
                + " of key template \"n:{api.impl.name}\") is read on type lib.Hidden, which the proxy in package app"
                + " cannot access").inFile(source).onLineContaining("n:{api.impl.name}");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void anAmbiguousInheritedMethodIsCalledThroughItsSuperinterface() throws IOException {
        Compilation compilation = Compilations.compile(
                // The same annotation on both (different ones are an inherited conflict), and a plain method.
                Compilations.source("test.A", "package test; public interface A<T> {"
                        + " @io.cashews.annotations.Cache(ttl = \"1m\", key = \"g:{id}\") T get(T id); T plain(T id); }"),
                Compilations.source("test.B", "package test; public interface B {"
                        + " @io.cashews.annotations.Cache(ttl = \"1m\", key = \"g:{id}\") String get(String id);"
                        + " String plain(String id); }"),
                Compilations.source("test.C", "package test; public interface C extends A<String>, B {"
                        + " @io.cashews.annotations.Cache(ttl = \"1m\") String other(String id); }"));
        Compilations.assertCleanSuccess(compilation);
        assertThat(proxy(compilation, "test.C_Cached")).contains("((A<String>) delegate).get(id)")
                .contains("return ((A<String>) delegate).plain(id);").contains("delegate.other(id)");
    }

    @Test
    void aPrefixAndKeyOverTheConstantLimitAreAnError() {
        String half = "x".repeat(40_000);
        JavaFileObject source = Compilations.source("test.Long", """
                package test;

                public interface Long {
                    @io.cashews.annotations.Cache(ttl = "1m", prefix = "%s", key = "%s{id}")
                    String get(String id);
                }
                """.formatted(half, half));
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsKeyTooLong] the key template (40004 characters) with its"
                + " prefix (40000 characters) takes 80005 bytes in the proxy's class file, over the limit of 65535")
                .inFile(source).onLineContaining("prefix =");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aMissingConstantGivesOnlyJavacsOwnError() {
        JavaFileObject source = Compilations.source("test.Svc", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Svc {
                    @Cache(ttl = Consts.TTL) String get(String id);
                    @Cache(ttl = "1m", key = Consts.KEY, lock = Consts.LOCK) String other(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation.errors()).isNotEmpty().allSatisfy(error ->
                assertThat(error.getMessage(Locale.ROOT)).contains("cannot find symbol").doesNotContain("Cashews"));
    }

    @Test
    void aPropertyIsFoundOnEveryBoundOfAnIntersection() {
        Compilation compilation = Compilations.compile(Compilations.source("test.Svc", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Svc {
                    interface Entity { String getId(); }
                    @Cache(ttl = "1m", key = "{t.id}") <T extends Number & Entity> String m(T t);
                }
                """));
        Compilations.assertCleanSuccess(compilation);
    }

    @Test
    void arraysAndVarargsOfTypesWithoutToStringWarn() {
        JavaFileObject source = Compilations.source("test.Svc", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Svc {
                    final class Plain {}
                    @Cache(ttl = "1m") String array(Plain[] ps);
                    @Cache(ttl = "1m") String grid(Plain[][] ps);
                    @Cache(ttl = "1m") String rest(Plain... ps);
                    @Cache(ttl = "1m") String fine(String[] names, int[] numbers);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[CashewsKeyToString] parameter 'ps' of type test.Svc.Plain[]"
                + " becomes part of the cache key, but Plain does not override toString()").inFile(source)
                .onLineContaining("array(");
        assertThat(compilation).hadWarningContaining("[CashewsKeyToString] parameter 'ps' of type test.Svc.Plain[][]")
                .inFile(source).onLineContaining("grid(");
        assertThat(compilation).hadWarningContaining("[CashewsKeyToString] parameter 'ps' of type test.Svc.Plain[]")
                .inFile(source).onLineContaining("rest(");
        assertThat(compilation.warnings().stream().filter(w -> w.getMessage(Locale.ROOT).contains("[Cashews")))
                .hasSize(3);
    }

    @Test
    void rawSupertypesAndRawFuturesGiveNoUncheckedWarningsInTheProxy() {
        Compilation compilation = Compilations.compile(
                Compilations.source("test.Repo", "package test; public interface Repo<T> {"
                        + " @io.cashews.annotations.Cache(ttl = \"1m\", key = \"r:{id}\") T find(T id); }"),
                Compilations.source("test.Raw", """
                        package test;

                        @SuppressWarnings("rawtypes")
                        public interface Raw extends Repo {
                            @io.cashews.annotations.Cache(ttl = "1m") String other(String id);
                        }
                        """),
                Compilations.source("test.Fut", """
                        package test;

                        @SuppressWarnings("rawtypes")
                        public interface Fut {
                            @io.cashews.annotations.Cache(ttl = "1m") java.util.concurrent.CompletableFuture raw(String id);
                        }
                        """));
        Compilations.assertCleanSuccess(compilation);
        assertThat(compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
                .map(d -> d.getMessage(Locale.ROOT))).noneMatch(m -> m.contains("unchecked"));
    }

    @Test
    void aNestedInterfaceWhoseProxyNameIsTakenByAnotherProxyIsAClearError() {
        JavaFileObject top = Compilations.source("test.A_B",
                "package test; public interface A_B { @io.cashews.annotations.Cache(ttl = \"1m\") String top(String id); }");
        JavaFileObject nested = Compilations.source("test.A", """
                package test;

                public class A {
                    public interface B { @io.cashews.annotations.Cache(ttl = "1m") String nested(String id); }
                }
                """);
        Compilation compilation = Compilations.compile(top, nested);
        assertThat(compilation).hadErrorContaining("[CashewsProxyNameClash] the proxy of interface test.A.B would be"
                + " test.A_B_Cached, which is already the proxy of test.A_B; rename one of them")
                .inFile(nested).onLineContaining("interface B");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aHandWrittenClassWithTheProxysNameIsAClearError() {
        JavaFileObject source = Compilations.source("test.Svc",
                "package test;\npublic interface Svc { @io.cashews.annotations.Cache(ttl = \"1m\") String get(String id); }");
        Compilation compilation = Compilations.compile(source,
                Compilations.source("test.Svc_Cached", "package test; public class Svc_Cached {}"));
        assertThat(compilation).hadErrorContaining("[CashewsProxyNameClash] the proxy of interface test.Svc would be"
                + " test.Svc_Cached, which is already an existing class").inFile(source).onLineContaining("interface Svc");
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation.errors()).noneMatch(e -> e.getMessage(Locale.ROOT).contains("CashewsInternalError"));
    }
}
