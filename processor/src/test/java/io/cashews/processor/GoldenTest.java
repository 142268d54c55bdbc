package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compares generated proxies with the expected sources in {@code src/test/resources/goldens}. After
 * an intended change to the output, rewrite them with
 * {@code mvn test -pl processor -am -Dtest='io.cashews.processor.GoldenTest' -Dgoldens.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and review the diff.
 */
class GoldenTest {
    private static final Path GOLDENS = Path.of("src", "test", "resources", "goldens");

    @Test
    void userService() throws IOException {
        JavaFileObject source = Compilations.source("com.example.UserService", """
                package com.example;

                import io.cashews.annotations.Cache;
                import java.io.IOException;
                import java.sql.SQLException;
                import java.util.Map;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;

                public interface UserService {
                    record User(String uid, Address address) {}
                    record Address(String city) {}
                    enum Kind { ADMIN, GUEST }

                    @Cache(ttl = "3h", key = "user:{request.address.city}:{kind}:{name:lower}:{@:get(tenant)}")
                    User current(User request, Kind kind, String name) throws IOException;

                    @Cache(ttl = "10m", prefix = "v1", lock = true, protect = false, timeCondition = "100ms",
                            condition = io.cashews.NotNullCondition.class)
                    long count(int page, Map<String, Integer> filter) throws IOException, SQLException;

                    @Cache(ttl = "1h", key = "status:{key}")
                    CompletableFuture<String> status(String key, String sb) throws IOException;

                    @Cache(ttl = "1h", key = "tags:{tags}")
                    CompletionStage<Void> warm(String... tags);

                    default String plain(int x) {
                        return Integer.toString(x);
                    }

                    void reset();
                }
                """);
        check("userService", "com.example.UserService_Cached", Compilations.compile(source));
    }

    @Test
    void genericNestedInterface() throws IOException {
        JavaFileObject source = Compilations.source("com.example.Outer", """
                package com.example;

                import io.cashews.annotations.Cache;
                import java.util.List;
                import java.util.Optional;

                public final class Outer {
                    private Outer() {}

                    public interface Repository<T extends Comparable<T>> {
                        @Cache(ttl = "1h", key = "repo:{holder.value}")
                        Optional<T> find(Holder<T> holder);

                        @Cache(ttl = "1h", key = "ids:{ids}")
                        <E> List<T> all(List<E> ids, E marker);
                    }

                    public static final class Holder<V> {
                        public final V value;

                        public Holder(V value) {
                            this.value = value;
                        }

                        @Override
                        public String toString() {
                            return String.valueOf(value);
                        }
                    }
                }
                """);
        check("genericNestedInterface", "com.example.Outer_Repository_Cached", Compilations.compile(source));
    }

    @Test
    void stackedStrategies() throws IOException {
        JavaFileObject source = Compilations.source("com.example.StatusService", """
                package com.example;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Dynamic;
                import io.cashews.annotations.Early;
                import io.cashews.annotations.Failover;
                import io.cashews.annotations.Hit;
                import io.cashews.annotations.Soft;
                import java.io.IOException;
                import java.sql.SQLException;
                import java.util.concurrent.CompletableFuture;

                public interface StatusService {
                    @Failover(ttl = "2h", exceptions = IOException.class)
                    @Cache(ttl = "10m", key = "status:{name}")
                    String status(String name) throws IOException;

                    @Failover(ttl = "2h", condition = io.cashews.NotNullCondition.class)
                    @Cache(ttl = "10m", key = "remote:{name}")
                    CompletableFuture<String> remote(String name) throws IOException;

                    @Failover(ttl = "1h")
                    long count(int page) throws IOException, SQLException;

                    @Failover(ttl = "1h", key = "ping")
                    void ping();

                    @Hit(ttl = "1h", cacheHits = 3, updateAfter = 2, withExceptions = IOException.class)
                    String hits(String name) throws IOException;

                    @Dynamic
                    CompletableFuture<Integer> dynamic(int id);

                    @Failover(ttl = "1d")
                    @Early(ttl = "9m", key = "early:{name}", onlyExceptions = IOException.class, protect = false)
                    String early(String name) throws IOException;

                    @Soft(ttl = "1h", softTtl = "5m", exceptions = IOException.class, timeCondition = "10ms")
                    CompletableFuture<String> soft(String name);

                    @Cache(ttl = "1h", key = "remembered:{name}", withExceptions = {IOException.class, SQLException.class})
                    String remembered(String name) throws IOException, SQLException;
                }
                """);
        check("stackedStrategies", "com.example.StatusService_Cached", Compilations.compile(source));
    }

    @Test
    void reactiveResults() throws IOException {
        JavaFileObject source = Compilations.source("com.example.ProfileService", """
                package com.example;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Early;
                import io.cashews.annotations.Failover;
                import io.cashews.annotations.Invalidate;
                import io.cashews.annotations.RateLimit;
                import io.smallrye.mutiny.Multi;
                import io.smallrye.mutiny.Uni;
                import java.io.IOException;
                import reactor.core.publisher.Flux;
                import reactor.core.publisher.Mono;

                public interface ProfileService {
                    record Profile(String id, String name) {}

                    @Cache(ttl = "1h", key = "profile:{id}")
                    Mono<Profile> profile(String id);

                    @Cache(ttl = "10m", key = "feed:{id}", withExceptions = IllegalStateException.class)
                    Flux<String> feed(String id) throws IOException;

                    @Cache(ttl = "1h", key = "score:{id}", lock = true)
                    Uni<Integer> score(String id) throws IOException;

                    @Cache(ttl = "10m", key = "events:{id}")
                    Multi<String> events(String id);

                    @Failover(ttl = "1d", key = "profile:{id}")
                    @Early(ttl = "1h", key = "profile:{id}")
                    Mono<Profile> resilient(String id) throws IOException;

                    @Invalidate("profile:{id}")
                    Mono<Void> rename(String id, String name);

                    @RateLimit(limit = 10, period = "1m", key = "rank:{id}", fallback = "unranked")
                    Uni<Integer> rank(String id);

                    Uni<Integer> unranked(String id);
                }
                """);
        check("reactiveResults", "com.example.ProfileService_Cached", Compilations.compile(source));
    }

    private static void check(String test, String generated, Compilation compilation) throws IOException {
        Compilations.assertCleanSuccess(compilation);
        JavaFileObject file = compilation.generatedSourceFile(generated)
                .orElseThrow(() -> new AssertionError(generated + " was not generated"));
        String actual = file.getCharContent(true).toString();
        Path golden = GOLDENS.resolve(test).resolve(generated + ".java");
        if (Boolean.getBoolean("goldens.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("missing golden file " + golden.toAbsolutePath() + "; run with -Dgoldens.update=true to create it");
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        assertThat(compilation).generatedSourceFile(generated).isNotNull();
    }
}
