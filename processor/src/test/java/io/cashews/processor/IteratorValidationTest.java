package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Cache} on {@code Stream}, {@code Iterator} and {@code Flow.Publisher} results: what compiles and what not. */
class IteratorValidationTest {

    @Test
    void theThreeShapesCompileCleanly() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.io.IOException;
                import java.sql.SQLException;
                import java.util.Iterator;
                import java.util.concurrent.Flow;
                import java.util.stream.Stream;

                public interface Service {
                    @Cache(ttl = "1h")
                    Stream<String> stream(String id);

                    @Cache(ttl = "1h", key = "it:{id}")
                    Iterator<? extends Number> iterator(long id) throws IOException;

                    @Cache(ttl = "1h", condition = io.cashews.NotNullCondition.class)
                    Flow.Publisher<String> publisher(String id) throws IOException, SQLException;

                    @Cache(ttl = "1h")
                    <T extends CharSequence> Stream<T> generic(T seed) throws IOException, SQLException;
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(source));
    }

    @Test
    void optionsWithoutMeaningForASequenceAreErrors() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.stream.Stream;

                public interface Service {
                    @Cache(ttl = "1h",
                            lock = true,
                            timeCondition = "1s",
                            ttlFunction = test.Ttl.class)
                    Stream<String> stream(String id);
                }
                """);
        JavaFileObject ttl = Compilations.source("test.Ttl", """
                package test;

                public class Ttl implements io.cashews.TtlFunction {
                    public java.time.Duration ttl(Object[] args, Object result) {
                        return java.time.Duration.ofSeconds(1);
                    }
                }
                """);
        Compilation compilation = Compilations.compile(source, ttl);
        assertThat(compilation).hadErrorContaining("[CashewsIteratorOption] @Cache method 'stream' returns"
                + " java.util.stream.Stream<java.lang.String>, whose elements are stored one by one as they are"
                + " consumed, so lock = true cannot apply").inFile(source).onLineContaining("lock = true");
        assertThat(compilation).hadErrorContaining("[CashewsIteratorOption] @Cache method 'stream'")
                .inFile(source).onLineContaining("timeCondition");
        assertThat(compilation).hadErrorContaining("so ttlFunction cannot apply")
                .inFile(source).onLineContaining("ttlFunction");
    }

    @Test
    void onlyExceptionsOnASequenceIsAnError() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.stream.Stream;

                public interface Service {
                    @Cache(ttl = "1h", withExceptions = IllegalStateException.class)
                    Stream<String> kept(String id);

                    @Cache(ttl = "1h", onlyExceptions = IllegalStateException.class)
                    Stream<String> stream(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsIteratorOption] @Cache method 'stream'")
                .inFile(source).onLineContaining("onlyExceptions");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void stackingOnASequenceIsAnError() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Locked;
                import java.util.Iterator;

                public interface Service {
                    @Locked(ttl = "1m")
                    @Cache(ttl = "1h")
                    Iterator<String> iterator(String id);
                }
                """);
        assertThat(Compilations.compile(source)).hadErrorContaining("[CashewsIteratorStacked] @Locked cannot be"
                + " combined with @Cache on method 'iterator'").inFile(source).onLineContaining("@Locked");
    }
}
