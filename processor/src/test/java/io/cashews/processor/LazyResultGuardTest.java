package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 D11: {@code @CircuitBreaker} on a lazily consumed result never counted the failures
 * thrown while consuming it, and {@code @Invalidate} deleted before the work was done. Both are
 * rejected, as {@code @Locked} and {@code @CacheTransaction} are.
 */
class LazyResultGuardTest {

    private static JavaFileObject service(String annotation, String result) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import java.util.*;
                import java.util.concurrent.Flow;
                import java.util.stream.Stream;

                public interface Service {
                    %s
                    %s lines(String id);
                }
                """.formatted(annotation, result));
    }

    private static final String BREAKER = "@CircuitBreaker(errorsRate = 50, period = \"1m\", ttl = \"1m\", minCalls = 2)";
    private static final String INVALIDATE = "@Invalidate(\"line:{id}\")";

    @Test
    void aCircuitBreakerOnAnIteratorIsRejected() {
        JavaFileObject source = service(BREAKER, "Iterator<String>");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsCircuitBreakerStream] @CircuitBreaker method 'lines'"
                + " returns java.util.Iterator<java.lang.String>, which fails while it is consumed")
                .inFile(source).onLineContaining("@CircuitBreaker");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aCircuitBreakerOnAStreamOrPublisherIsRejected() {
        assertThat(Compilations.compile(service(BREAKER, "Stream<String>")))
                .hadErrorContaining("[CashewsCircuitBreakerStream]");
        assertThat(Compilations.compile(service(BREAKER, "Flow.Publisher<String>")))
                .hadErrorContaining("[CashewsCircuitBreakerStream]");
    }

    @Test
    void anInvalidateOnAStreamIsRejected() {
        JavaFileObject source = service(INVALIDATE, "Stream<String>");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsInvalidateStream] @Invalidate method 'lines' returns"
                + " java.util.stream.Stream<java.lang.String>, which does its work while it is consumed")
                .inFile(source).onLineContaining("@Invalidate");
        assertThat(Compilations.compile(service(INVALIDATE, "Iterator<String>")))
                .hadErrorContaining("[CashewsInvalidateStream]");
    }

    @Test
    void eagerResultsKeepBothGuards() {
        Compilations.assertCleanSuccess(Compilations.compile(service(BREAKER + " " + INVALIDATE, "List<String>")));
    }
}
