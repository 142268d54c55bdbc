package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Compile-time checks of {@code @Locked}, {@code @RateLimit}, {@code @SliceRateLimit} and {@code @CircuitBreaker}. */
class GuardValidationTest {

    /** An interface with one annotated method {@code find(String id, int page)} and a few others to fall back to. */
    private static JavaFileObject service(String annotation) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import java.io.IOException;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;

                public interface Service {
                    %s
                    String find(String id, int page) throws IOException;

                    String busy(String id, int page);

                    CharSequence wider(String id, int page);

                    String otherParameters(String id);

                    String throwing(String id, int page) throws Exception;

                    CompletableFuture<String> later(String id);
                }
                """.formatted(annotation));
    }

    private static Compilation compile(JavaFileObject source) {
        return Compilations.compile(source);
    }

    @Test
    void validGuardsCompileCleanly() {
        Compilations.assertCleanSuccess(compile(service("""
                @Locked(ttl = "1m", waitForLock = false, checkInterval = "10ms")
                    @RateLimit(limit = 2, period = "1s", ttl = "5s", fallback = "busy")
                    @SliceRateLimit(limit = 5, period = "1m")
                    @CircuitBreaker(errorsRate = 50, period = "1m", ttl = "30s", halfOpenTtl = "10s", minCalls = 5,
                            exceptions = IOException.class, fallback = "busy")""")));
    }

    @Test
    void guardsStackWithEachOtherAndWithCaches() {
        Compilations.assertCleanSuccess(compile(Compilations.source("test.Stacked", """
                package test;

                import io.cashews.annotations.*;
                import java.util.concurrent.CompletableFuture;

                public interface Stacked {
                    @RateLimit(limit = 10, period = "1s")
                    @Cache(ttl = "1m")
                    String rateOverCache(String id);

                    @Cache(ttl = "1m")
                    @Locked(ttl = "10s")
                    String lockedMisses(String id);

                    @Failover(ttl = "1h")
                    @CircuitBreaker(errorsRate = 50, period = "1m", ttl = "10s")
                    @SliceRateLimit(limit = 5, period = "1s")
                    CompletableFuture<String> everything(String id);

                    @SliceRateLimit(limit = 100, period = "1h")
                    @RateLimit(limit = 5, period = "1s")
                    void burstAndSustained(String id);
                }
                """)));
    }

    @Test
    void lockTtlIsRequiredToParse() {
        JavaFileObject source = service("@Locked(ttl = \"forever\")");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBadTtl] ttl \"forever\"").inFile(source)
                .onLineContaining("@Locked");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void checkIntervalMustBePositive() {
        JavaFileObject source = service("@Locked(ttl = \"1m\", checkInterval = \"0s\")");
        assertThat(compile(source)).hadErrorContaining("[CashewsNonPositiveTtl] checkInterval \"0s\"").inFile(source)
                .onLineContaining("@Locked");
    }

    @Test
    void periodMustParse() {
        JavaFileObject source = service("@RateLimit(limit = 1, period = \"a while\")");
        assertThat(compile(source)).hadErrorContaining("[CashewsBadTtl] period \"a while\"").inFile(source)
                .onLineContaining("@RateLimit");
    }

    @Test
    void banMustBePositive() {
        JavaFileObject source = service("@RateLimit(limit = 1, period = \"1s\", ttl = \"0\")");
        assertThat(compile(source)).hadErrorContaining("[CashewsNonPositiveTtl] ttl \"0\"").inFile(source)
                .onLineContaining("@RateLimit");
    }

    @Test
    void limitMustBePositive() {
        JavaFileObject source = service("@RateLimit(limit = 0, period = \"1s\")");
        assertThat(compile(source)).hadErrorContaining("[CashewsOutOfRange] limit = 0 is out of range").inFile(source)
                .onLineContaining("@RateLimit");
        JavaFileObject slice = service("@SliceRateLimit(limit = -3, period = \"1s\")");
        assertThat(compile(slice)).hadErrorContaining("[CashewsOutOfRange] limit = -3").inFile(slice)
                .onLineContaining("@SliceRateLimit");
    }

    @Test
    void errorsRateMustBeAPercentage() {
        JavaFileObject zero = service("@CircuitBreaker(errorsRate = 0, period = \"1m\", ttl = \"1m\")");
        assertThat(compile(zero)).hadErrorContaining("[CashewsOutOfRange] errorsRate = 0").inFile(zero)
                .onLineContaining("@CircuitBreaker");
        JavaFileObject over = service("@CircuitBreaker(errorsRate = 101, period = \"1m\", ttl = \"1m\")");
        assertThat(compile(over)).hadErrorContaining("[CashewsOutOfRange] errorsRate = 101").inFile(over)
                .onLineContaining("@CircuitBreaker");
        Compilations.assertCleanSuccess(compile(service(
                "@CircuitBreaker(errorsRate = 100, period = \"1m\", ttl = \"1m\")")));
    }

    @Test
    void minCallsMustBeAtLeastOne() {
        JavaFileObject source = service("@CircuitBreaker(errorsRate = 10, period = \"1m\", ttl = \"1m\", minCalls = 0)");
        assertThat(compile(source)).hadErrorContaining("[CashewsOutOfRange] minCalls = 0").inFile(source)
                .onLineContaining("@CircuitBreaker");
    }

    @Test
    void breakerTimesMustParse() {
        JavaFileObject source = service(
                "@CircuitBreaker(errorsRate = 10, period = \"1m\", ttl = \"soon\", halfOpenTtl = \"-1s\")");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBadTtl] ttl \"soon\"").inFile(source)
                .onLineContaining("@CircuitBreaker");
        assertThat(compilation).hadErrorContaining("halfOpenTtl \"-1s\"").inFile(source)
                .onLineContaining("@CircuitBreaker");
    }

    @Test
    void unknownFallbackListsTheMethodsThatFit() {
        JavaFileObject source = service("""
                @RateLimit(limit = 1, period = "1s",
                            fallback = "bussy")""");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsUnknownFallback] @RateLimit fallback 'bussy' of method"
                + " 'find' is not a method of the interface; did you mean 'busy'? methods that fit: 'busy'")
                .inFile(source).onLineContaining("fallback = \"bussy\"");
    }

    @Test
    void fallbackWithOtherParametersIsAnError() {
        JavaFileObject source = service("""
                @SliceRateLimit(limit = 1, period = "1s",
                            fallback = "otherParameters")""");
        assertThat(compile(source)).hadErrorContaining("[CashewsFallbackMismatch] @SliceRateLimit fallback"
                + " 'otherParameters' cannot answer for method 'find': it takes (java.lang.String), not"
                + " (java.lang.String,int)".replace(",int", ", int"))
                .inFile(source).onLineContaining("fallback = \"otherParameters\"");
    }

    @Test
    void fallbackWithAnIncompatibleReturnTypeIsAnError() {
        JavaFileObject source = Compilations.source("test.Narrow", """
                package test;

                import io.cashews.annotations.CircuitBreaker;

                public interface Narrow {
                    @CircuitBreaker(errorsRate = 10, period = "1m", ttl = "1m", fallback = "wide")
                    String find(String id);

                    Object wide(String id);
                }
                """);
        assertThat(compile(source)).hadErrorContaining("[CashewsFallbackMismatch] @CircuitBreaker fallback 'wide'"
                + " cannot answer for method 'find': it returns java.lang.Object, which is not assignable to"
                + " java.lang.String").inFile(source).onLineContaining("fallback = \"wide\"");
    }

    @Test
    void fallbackThatThrowsMoreThanTheMethodIsAnError() {
        JavaFileObject source = service("@RateLimit(limit = 1, period = \"1s\", fallback = \"throwing\")");
        assertThat(compile(source)).hadErrorContaining("[CashewsFallbackThrows] @RateLimit fallback 'throwing'"
                + " declares throws java.lang.Exception, which method 'find' does not declare")
                .inFile(source).onLineContaining("fallback = \"throwing\"");
    }

    @Test
    void fallbackToItselfIsAnError() {
        JavaFileObject source = service("@RateLimit(limit = 1, period = \"1s\", fallback = \"find\")");
        assertThat(compile(source)).hadErrorContaining("[CashewsFallbackItself]").inFile(source)
                .onLineContaining("fallback = \"find\"");
    }

    @Test
    void genericMethodsCannotHaveAFallback() {
        JavaFileObject source = Compilations.source("test.Generic", """
                package test;

                import io.cashews.annotations.RateLimit;

                public interface Generic {
                    @RateLimit(limit = 1, period = "1s", fallback = "other")
                    <T> T find(Class<T> type);

                    <T> T other(Class<T> type);
                }
                """);
        assertThat(compile(source)).hadErrorContaining("[CashewsFallbackGeneric]").inFile(source)
                .onLineContaining("fallback = \"other\"");
    }

    @Test
    void lockedStreamIsAnError() {
        JavaFileObject source = Compilations.source("test.Lazy", """
                package test;

                import io.cashews.annotations.Locked;
                import java.util.stream.Stream;

                public interface Lazy {
                    @Locked(ttl = "1m")
                    Stream<String> all();
                }
                """);
        assertThat(compile(source)).hadErrorContaining("[CashewsLockedStream] @Locked method 'all' returns"
                + " java.util.stream.Stream<java.lang.String>").inFile(source).onLineContaining("@Locked");
    }

    @Test
    void keyTemplateIsCheckedAsForCache() {
        JavaFileObject source = service("@Locked(ttl = \"1m\", key = \"job:{idd}\")");
        assertThat(compile(source)).hadErrorContaining("[CashewsUnknownParameter]").inFile(source)
                .onLineContaining("@Locked");
    }
}
