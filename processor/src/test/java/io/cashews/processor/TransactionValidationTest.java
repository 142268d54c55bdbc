package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Compile-time checks of {@code @CacheTransaction}. */
class TransactionValidationTest {

    private static JavaFileObject service(String annotation, String returnType) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import java.io.IOException;

                public interface Service {
                    %s
                    %s find(String id) throws IOException;
                }
                """.formatted(annotation, returnType));
    }

    @Test
    void validTransactionsCompileCleanlyAndStackWithOtherAnnotations() {
        Compilations.assertCleanSuccess(Compilations.compile(Compilations.source("test.Orders", """
                package test;

                import io.cashews.annotations.*;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;

                public interface Orders {
                    @CacheTransaction
                    String place(String id);

                    @CacheTransaction(mode = CacheTransaction.Mode.SERIALIZABLE, timeout = "500ms")
                    CompletableFuture<List<String>> placeAll(List<String> ids);

                    @CacheTransaction(mode = CacheTransaction.Mode.FAST)
                    @Cache(ttl = "1m")
                    String cachedInside(String id);

                    @RateLimit(limit = 5, period = "1s")
                    @CacheTransaction(timeout = "1")
                    void cancel(String id);
                }
                """)));
    }

    @Test
    void aTimeoutThatDoesNotParseIsAnError() {
        JavaFileObject source = service("@CacheTransaction(timeout = \"soon\")", "String");
        assertThat(Compilations.compile(source)).hadErrorContaining("[CashewsBadTtl] timeout \"soon\"").inFile(source)
                .onLineContaining("@CacheTransaction");
    }

    @Test
    void aZeroTimeoutIsAnError() {
        JavaFileObject source = service("@CacheTransaction(timeout = \"0s\")", "String");
        assertThat(Compilations.compile(source)).hadErrorContaining("[CashewsNonPositiveTimeout] @CacheTransaction timeout \"0s\"")
                .inFile(source).onLineContaining("@CacheTransaction");
    }

    @Test
    void aLazyResultIsAnError() {
        JavaFileObject source = service("@CacheTransaction", "java.util.stream.Stream<String>");
        assertThat(Compilations.compile(source)).hadErrorContaining("[CashewsTransactionStream] @CacheTransaction method 'find'")
                .inFile(source).onLineContaining("@CacheTransaction");
    }
}
