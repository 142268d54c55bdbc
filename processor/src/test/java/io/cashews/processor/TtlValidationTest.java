package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** TTL and time-condition strings are parsed at compile time. */
class TtlValidationTest {

    private static JavaFileObject service(String annotation) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    %s
                    String find(String id);
                }
                """.formatted(annotation));
    }

    @Test
    void ttlThatDoesNotParseIsAnError() {
        JavaFileObject source = service("@Cache(ttl = \"10 minutes\")");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[CashewsBadTtl] ttl \"10 minutes\" is not a duration")
                .inFile(source).onLineContaining("@Cache(ttl");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void zeroTtlIsAnError() {
        JavaFileObject source = service("@Cache(ttl = \"0s\")");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsNonPositiveTtl] ttl \"0s\" is zero")
                .inFile(source).onLineContaining("@Cache(ttl");
    }

    @Test
    void timeConditionThatDoesNotParseIsAnError() {
        JavaFileObject source = service("@Cache(ttl = \"1h\", timeCondition = \"fast\")");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBadTimeCondition] timeCondition \"fast\"")
                .inFile(source).onLineContaining("timeCondition");
    }

    @Test
    void zeroTimeConditionIsAnError() {
        JavaFileObject source = service("@Cache(ttl = \"1h\", timeCondition = \"0\")");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsNonPositiveTimeCondition]")
                .inFile(source).onLineContaining("timeCondition");
    }

    @Test
    void validDurationsCompileToMillisecondLiterals() {
        Compilation good = Compilations.compile(service("@Cache(ttl = \"1d2h3m4s5ms\", timeCondition = \"250ms\")"));
        Compilations.assertCleanSuccess(good);
        assertThat(good).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .contains(".ttlMillis(93_784_005L)");
        assertThat(good).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .contains(".timeConditionMillis(250L)");
    }

    @Test
    void ttlAndTimeConditionErrorsAreBothReported() {
        JavaFileObject source = service("@Cache(ttl = \"-1\", timeCondition = \"1x\")");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBadTtl] ttl \"-1\"");
        assertThat(compilation).hadErrorContaining("[CashewsBadTimeCondition] timeCondition \"1x\"");
        assertThat(compilation).hadErrorCount(2);
    }
}
