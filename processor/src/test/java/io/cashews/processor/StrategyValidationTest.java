package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Options of {@code @Failover}, {@code @Hit}, {@code @Dynamic}, {@code @Early} and {@code @Soft}, and how they stack. */
class StrategyValidationTest {

    private static JavaFileObject service(String annotations, String signature) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import java.io.IOException;
                import java.util.concurrent.CompletableFuture;
                import java.util.stream.Stream;

                public interface Service {
                    %s
                    %s;
                }
                """.formatted(annotations, signature));
    }

    private static Compilation failing(JavaFileObject source) {
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        return compilation;
    }

    @Test
    void everyStrategyCompilesCleanlyAloneAndStacked() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import java.io.IOException;
                import java.util.concurrent.CompletableFuture;

                public interface Service {
                    @Failover(ttl = "1h") String a(String id) throws IOException;
                    @Hit(ttl = "1h", cacheHits = 3, updateAfter = 2) String b(String id);
                    @Dynamic String c(String id);
                    @Early(ttl = "1h", earlyTtl = "10m", withExceptions = IOException.class) String d(String id)
                            throws IOException;
                    @Soft(ttl = "1h", exceptions = IOException.class) CompletableFuture<String> e(String id);
                    @Failover(ttl = "1d") @Early(ttl = "1h") CompletableFuture<String> f(String id);
                    @Failover(ttl = "1d") @Hit(ttl = "1h", cacheHits = 2) int g(int id);
                    @Cache(ttl = "1h", onlyExceptions = IOException.class) String h(String id) throws IOException;
                    @Failover(ttl = "1d", condition = io.cashews.NotNullCondition.class) @Soft(ttl = "1h")
                    <T extends Comparable<T>> java.util.List<T> sorted(java.util.List<T> items, String... tags);
                    @Failover(ttl = "1d") @Hit(ttl = "1h", cacheHits = 5, updateAfter = 4)
                    default long total(long[] values) { return values.length; }
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(source));
    }

    @Test
    void twoValueCachesOnOneMethodAreAnError() {
        JavaFileObject source = service("@Cache(ttl = \"1h\")\n    @Early(ttl = \"1h\")", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining(
                        "[CashewsConflictingAnnotations] @Cache and @Early on method 'find' do not combine")
                .inFile(source).onLineContaining("@Early(ttl");
    }

    @Test
    void hitAndDynamicConflictToo() {
        JavaFileObject source = service("@Dynamic\n    @Hit(ttl = \"1h\", cacheHits = 2)", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining("[CashewsConflictingAnnotations] @Dynamic and @Hit")
                .inFile(source).onLineContaining("@Hit(");
    }

    @Test
    void nonPositiveCacheHitsIsAnError() {
        JavaFileObject source = service("@Hit(ttl = \"1h\", cacheHits = 0)", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining("[CashewsOutOfRange] cacheHits = 0")
                .inFile(source).onLineContaining("cacheHits = 0");
    }

    @Test
    void updateAfterMustBeBelowCacheHits() {
        JavaFileObject source = service("@Hit(ttl = \"1h\", cacheHits = 3, updateAfter = 3)", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining("[CashewsOutOfRange] updateAfter = 3")
                .inFile(source).onLineContaining("updateAfter = 3");
        JavaFileObject negative = service("@Hit(ttl = \"1h\", cacheHits = 3, updateAfter = -1)", "String find(String id)");
        assertThat(failing(negative)).hadErrorContaining("[CashewsOutOfRange] updateAfter = -1")
                .inFile(negative).onLineContaining("updateAfter = -1");
    }

    @Test
    void earlyTtlNotShorterThanTtlIsAnError() {
        JavaFileObject source = service("@Early(ttl = \"10m\", earlyTtl = \"10m\")", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining(
                        "[CashewsWindowNotShorter] earlyTtl \"10m\" is not shorter than ttl \"10m\"")
                .inFile(source).onLineContaining("earlyTtl");
    }

    @Test
    void softTtlNotShorterThanTtlIsAnError() {
        JavaFileObject source = service("@Soft(ttl = \"10m\", softTtl = \"1h\")", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining("[CashewsWindowNotShorter] softTtl \"1h\"")
                .inFile(source).onLineContaining("softTtl");
    }

    @Test
    void badTtlsAreErrorsOnEveryStrategy() {
        for (String annotation : new String[] {"@Failover(ttl = \"soon\")", "@Hit(ttl = \"soon\", cacheHits = 1)",
                "@Dynamic(ttl = \"soon\")", "@Early(ttl = \"soon\")", "@Soft(ttl = \"soon\")"}) {
            JavaFileObject source = service(annotation, "String find(String id)");
            assertThat(failing(source)).hadErrorContaining("[CashewsBadTtl] ttl \"soon\"")
                    .inFile(source).onLineContaining("ttl = \"soon\"");
        }
        JavaFileObject zero = service("@Failover(ttl = \"0\")", "String find(String id)");
        assertThat(failing(zero)).hadErrorContaining("[CashewsNonPositiveTtl]").inFile(zero).onLineContaining("@Failover");
        JavaFileObject early = service("@Early(ttl = \"1h\", earlyTtl = \"later\")", "String find(String id)");
        assertThat(failing(early)).hadErrorContaining("[CashewsBadTtl] earlyTtl \"later\"")
                .inFile(early).onLineContaining("earlyTtl");
    }

    @Test
    void withAndOnlyExceptionsTogetherAreAnError() {
        for (String annotation : new String[] {
                "@Cache(ttl = \"1h\", withExceptions = IOException.class, onlyExceptions = IOException.class)",
                "@Hit(ttl = \"1h\", cacheHits = 2, withExceptions = IOException.class, onlyExceptions = IOException.class)",
                "@Early(ttl = \"1h\", withExceptions = IOException.class, onlyExceptions = IOException.class)"}) {
            JavaFileObject source = service(annotation, "String find(String id) throws IOException");
            assertThat(failing(source)).hadErrorContaining("[CashewsWithAndOnlyExceptions]")
                    .inFile(source).onLineContaining("onlyExceptions");
        }
    }

    @Test
    void valueCachesRejectVoidMethods() {
        for (String annotation : new String[] {"@Hit(ttl = \"1h\", cacheHits = 1)", "@Dynamic", "@Early(ttl = \"1h\")",
                "@Soft(ttl = \"1h\")"}) {
            JavaFileObject source = service(annotation, "void reset()");
            assertThat(failing(source)).hadErrorContaining("[CashewsVoidReturn]")
                    .inFile(source).onLineContaining(annotation.substring(0, 5));
        }
    }

    @Test
    void valueCachesRejectStreams() {
        JavaFileObject source = service("@Early(ttl = \"1h\")", "Stream<String> all()");
        assertThat(failing(source)).hadErrorContaining("[CashewsStreamResult] @Early method 'all' returns")
                .inFile(source).onLineContaining("@Early");
    }

    @Test
    void failoverRejectsStreamsButAcceptsVoid() {
        JavaFileObject source = service("@Failover(ttl = \"1h\")", "Stream<String> all()");
        assertThat(failing(source)).hadErrorContaining("[CashewsStreamResult] @Failover method 'all' returns")
                .inFile(source).onLineContaining("@Failover");
        Compilations.assertCleanSuccess(Compilations.compile(service("@Failover(ttl = \"1h\")", "void ping()")));
    }

    @Test
    void unknownKeyParametersAreReportedOnTheStrategy() {
        JavaFileObject source = service("@Failover(ttl = \"1h\", key = \"user:{idd}\")", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining("[CashewsUnknownParameter] unknown parameter 'idd'")
                .inFile(source).onLineContaining("key = ");
    }

    @Test
    void badConditionClassesAreReported() {
        JavaFileObject source = service("@Soft(ttl = \"1h\", condition = String.class)", "String find(String id)");
        assertThat(failing(source)).hadErrorContaining("[CashewsWrongInterface] condition class java.lang.String")
                .inFile(source).onLineContaining("condition = ");
    }

    @Test
    void badTimeConditionsAreReported() {
        JavaFileObject source = service("@Hit(ttl = \"1h\", cacheHits = 2, timeCondition = \"fast\")",
                "String find(String id)");
        assertThat(failing(source)).hadErrorContaining("[CashewsBadTimeCondition] timeCondition \"fast\"")
                .inFile(source).onLineContaining("timeCondition");
    }
}
