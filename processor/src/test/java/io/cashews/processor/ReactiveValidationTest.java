package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Reactor's {@code Mono}/{@code Flux} and Mutiny's {@code Uni}/{@code Multi} results (SPEC §15),
 * compiled against the real libraries: what a lone {@code @Cache} takes, and what every other
 * annotation reports with its id. {@code Flux}/{@code Multi} get exactly the errors a
 * {@code Flow.Publisher} gets; a {@code Mono}/{@code Uni} takes every strategy, alone or stacked.
 */
class ReactiveValidationTest {

    @Test
    void theFourTypesCompileCleanlyWithTheOptionsThatApply() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import io.smallrye.mutiny.Multi;
                import io.smallrye.mutiny.Uni;
                import java.io.IOException;
                import java.sql.SQLException;
                import reactor.core.publisher.Flux;
                import reactor.core.publisher.Mono;

                public interface Service {
                    @Cache(ttl = "1h", lock = true, timeCondition = "10ms", tags = "user:{id}")
                    Mono<String> locked(String id);

                    @Cache(ttl = "1h", onlyExceptions = IllegalStateException.class)
                    Mono<? extends Number> wildcard(long id) throws IOException, SQLException;

                    @Cache(ttl = "1h")
                    <T extends CharSequence> Mono<T> generic(T seed);

                    @Cache(ttl = "1h")
                    Mono<Void> warm(String id);

                    @Cache(ttl = "1h", protect = false, withExceptions = IOException.class)
                    Uni<Integer> uni(String id) throws IOException;

                    @Cache(ttl = "1h", condition = io.cashews.NotNullCondition.class)
                    Flux<String> flux(String id) throws IOException, SQLException;

                    @Cache(ttl = "1h")
                    Multi<? extends CharSequence> multi(String id) throws IOException;

                    Mono<String> plain(String id);
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(source));
    }

    @Test
    void aFluxOrMultiUnderAnotherAnnotationIsRejectedAsAPublisherIs() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import io.smallrye.mutiny.Multi;
                import reactor.core.publisher.Flux;

                public interface Service {
                    @Early(ttl = "1h")
                    Flux<String> early(String id);

                    @Soft(ttl = "1h")
                    Multi<String> soft(String id);

                    @Failover(ttl = "1h")
                    Flux<String> failover(String id);

                    @Locked(ttl = "1m")
                    Multi<String> locked(String id);

                    @CacheTransaction
                    Flux<String> transaction(String id);

                    @CircuitBreaker(errorsRate = 10, period = "1m", ttl = "1m")
                    Flux<String> breaker(String id);

                    @Invalidate("user:{id}")
                    Multi<String> invalidate(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsStreamResult] @Early method 'early' returns"
                + " reactor.core.publisher.Flux<java.lang.String>, which is consumed once")
                .inFile(source).onLineContaining("@Early");
        assertThat(compilation).hadErrorContaining("[CashewsStreamResult] @Soft method 'soft' returns"
                + " io.smallrye.mutiny.Multi<java.lang.String>").inFile(source).onLineContaining("@Soft");
        assertThat(compilation).hadErrorContaining("[CashewsStreamResult] @Failover method 'failover'")
                .inFile(source).onLineContaining("@Failover");
        assertThat(compilation).hadErrorContaining("[CashewsLockedStream]").inFile(source).onLineContaining("@Locked");
        assertThat(compilation).hadErrorContaining("[CashewsTransactionStream]")
                .inFile(source).onLineContaining("@CacheTransaction");
        assertThat(compilation).hadErrorContaining("[CashewsCircuitBreakerStream]")
                .inFile(source).onLineContaining("@CircuitBreaker");
        assertThat(compilation).hadErrorContaining("[CashewsInvalidateStream]")
                .inFile(source).onLineContaining("@Invalidate");
    }

    @Test
    void aFluxTakesTheIteratorStrategysOptionsOnly() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Failover;
                import reactor.core.publisher.Flux;

                public interface Service {
                    @Cache(ttl = "1h", lock = true)
                    Flux<String> locked(String id);

                    @Failover(ttl = "1h")
                    @Cache(ttl = "1h")
                    Flux<String> stacked(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsIteratorOption] @Cache method 'locked' returns"
                + " reactor.core.publisher.Flux<java.lang.String>").inFile(source).onLineContaining("lock = true");
        assertThat(compilation).hadErrorContaining("[CashewsIteratorStacked] @Failover cannot be combined with"
                + " @Cache on method 'stacked'").inFile(source).onLineContaining("@Failover");
    }

    @Test
    void aMonoOrUniTakesEveryStrategyAloneOrStacked() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import io.smallrye.mutiny.Uni;
                import java.io.IOException;
                import java.sql.SQLException;
                import reactor.core.publisher.Mono;

                public interface Service {
                    @Early(ttl = "1h")
                    Mono<String> early(String id);

                    @Soft(ttl = "1h", key = "soft:{id}")
                    Uni<String> soft(String id) throws IOException;

                    @Hit(ttl = "1h", cacheHits = 3, updateAfter = 2)
                    Mono<String> hit(String id);

                    @Locked(ttl = "1m")
                    Mono<String> locked(String id);

                    @RateLimit(limit = 10, period = "1m", fallback = "slow")
                    Uni<String> limited(String id);

                    Uni<String> slow(String id);

                    @SliceRateLimit(limit = 10, period = "1m")
                    Mono<String> sliced(String id);

                    @CircuitBreaker(errorsRate = 50, period = "1m", ttl = "10s", fallback = "later")
                    Mono<String> guarded(String id);

                    Mono<String> later(String id);

                    @CacheTransaction
                    Mono<String> transaction(String id);

                    @Invalidate("user:{id}")
                    Mono<Void> update(String id);

                    @Bloom(name = "known", capacity = 100)
                    Mono<Boolean> known(String id);

                    @BloomAdd(name = "known")
                    Uni<Boolean> register(String id);

                    @DualBloom(capacity = 100)
                    Mono<Boolean> exists(String id);

                    @Failover(ttl = "1h")
                    @Locked(ttl = "1m", key = "lock:{id}")
                    @Cache(ttl = "10m", key = "cache:{id}")
                    Mono<? extends CharSequence> stacked(String id) throws IOException, SQLException;
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(source));
    }

    @Test
    void subtypesCannotBeReturnedAsReplays() {
        JavaFileObject special = Compilations.source("test.SpecialMono", """
                package test;

                public abstract class SpecialMono<T> extends reactor.core.publisher.Mono<T> {}
                """);
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import reactor.core.publisher.ConnectableFlux;

                public interface Service {
                    @Cache(ttl = "1h", key = "special:{id}")
                    SpecialMono<String> special(String id);

                    @Cache(ttl = "1h", key = "connectable:{id}")
                    ConnectableFlux<String> connectable(String id);

                    @io.cashews.annotations.Failover(ttl = "1h", key = "failover:{id}")
                    SpecialMono<String> failover(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source, special);
        assertThat(compilation).hadErrorContaining("[CashewsReactiveUnsupported] @Cache method 'special' returns"
                + " test.SpecialMono<java.lang.String>, which the proxy cannot return as the same type; return"
                + " Mono<T> or Uni<T> itself").inFile(source).onLineContaining("special:{id}");
        assertThat(compilation).hadErrorContaining("[CashewsIteratorUnsupported] @Cache method 'connectable' returns"
                + " reactor.core.publisher.ConnectableFlux<java.lang.String>, which the iterator strategy cannot"
                + " replay as the same type").inFile(source).onLineContaining("connectable:{id}");
        assertThat(compilation).hadErrorContaining("[CashewsReactiveUnsupported] @Failover method 'failover' returns"
                + " test.SpecialMono<java.lang.String>").inFile(source).onLineContaining("failover:{id}");
    }
}
