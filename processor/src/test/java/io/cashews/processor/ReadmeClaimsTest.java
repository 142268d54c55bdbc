package io.cashews.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.annotations.Cache;
import io.cashews.annotations.Dynamic;
import io.cashews.annotations.Early;
import io.cashews.annotations.Failover;
import io.cashews.annotations.Hit;
import io.cashews.annotations.Soft;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What README's "Every caching annotation takes" list and its {@code @Dynamic} row say about the
 * value annotations (issue 21: the list promised {@code ttlFunction} and {@code timeCondition}
 * everywhere and {@code cacheHits}/{@code updateAfter} on {@code @Dynamic}).
 */
class ReadmeClaimsTest {

    private static Set<String> attributes(Class<?> annotation) {
        return Arrays.stream(annotation.getDeclaredMethods()).map(Method::getName).collect(Collectors.toSet());
    }

    @Test
    void valueAnnotationsTakeTheAttributesReadmeLists() throws NoSuchMethodException {
        for (Class<?> annotation : List.of(Cache.class, Hit.class, Early.class, Soft.class, Failover.class)) {
            assertThat(attributes(annotation)).containsAtLeast("ttl", "key", "prefix", "condition", "timeCondition", "tags");
            assertThat(annotation.getDeclaredMethod("ttl").getDefaultValue()).isNull();
        }
        assertThat(attributes(Dynamic.class)).containsExactly("ttl", "key", "prefix", "condition", "tags");
        assertThat(Dynamic.class.getDeclaredMethod("ttl").getDefaultValue()).isEqualTo("1d");
        for (Class<?> annotation : List.of(Hit.class, Early.class, Soft.class, Failover.class, Dynamic.class)) {
            assertThat(attributes(annotation)).doesNotContain("ttlFunction");
        }
        assertThat(attributes(Cache.class)).contains("ttlFunction");
    }

    @Test
    void dynamicIsAHitWithFixedCountsUnderItsOwnPrefix() throws IOException {
        JavaFileObject source = Compilations.source("test.Popular", """
                package test;

                import io.cashews.annotations.Dynamic;

                public interface Popular {
                    @Dynamic(key = "dy:{id}")
                    String find(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        Compilations.assertCleanSuccess(compilation);
        String proxy = compilation.generatedSourceFile("test.Popular_Cached").orElseThrow()
                .getCharContent(true).toString().replaceAll("\\s+", "");
        assertThat(proxy).contains("HitMethod.builder(cache,\"dynamic:dy:{id}\")");
        assertThat(proxy).contains(".cacheHits(3).updateAfter(1)");
    }

    @Test
    void dynamicHasNoCacheHitsAttribute() {
        JavaFileObject source = Compilations.source("test.Popular", """
                package test;

                import io.cashews.annotations.Dynamic;

                public interface Popular {
                    @Dynamic(cacheHits = 5)
                    String find(String id);
                }
                """);
        assertThat(Compilations.compile(source)).failed();
    }
}
