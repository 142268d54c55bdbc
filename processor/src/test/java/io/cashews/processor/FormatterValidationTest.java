package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Formatters in key templates: names, arguments, and the key context. */
class FormatterValidationTest {

    private static JavaFileObject service(String key) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    @Cache(ttl = "1h", key = "%s")
                    String find(String token, int page);
                }
                """.formatted(key));
    }

    private static Compilation compile(JavaFileObject source) {
        return Compilations.compile(source);
    }

    @Test
    void unknownFormatterSuggestsTheClosest() {
        JavaFileObject source = service("{token:lowr}");
        assertThat(compile(source)).hadErrorContaining(
                "[CashewsUnknownFormatter] unknown formatter 'lowr' in key template \"{token:lowr}\";"
                        + " did you mean 'lower'?")
                .inFile(source).onLineContaining("key = ");
    }

    @Test
    void hashWithAnUnknownAlgorithm() {
        JavaFileObject source = service("{token:hash(sha512)}");
        assertThat(compile(source)).hadErrorContaining("[CashewsFormatterArguments] formatter 'hash' given (sha512)")
                .inFile(source).onLineContaining("key = ");
    }

    @Test
    void jwtNeedsExactlyOneClaim() {
        JavaFileObject source = service("{token:jwt}");
        assertThat(compile(source)).hadErrorContaining("[CashewsFormatterArguments] formatter 'jwt' given ()")
                .inFile(source).onLineContaining("key = ");
    }

    @Test
    void lowerTakesNoArguments() {
        assertThat(compile(service("{token:lower(x)}")))
                .hadErrorContaining("[CashewsFormatterArguments] formatter 'lower' given (x)");
    }

    @Test
    void keyContextNeedsGet() {
        JavaFileObject source = service("{@}");
        assertThat(compile(source)).hadErrorContaining("[CashewsContextWithoutGet] {@}")
                .inFile(source).onLineContaining("key = ");
        assertThat(compile(service("{@:lower}"))).hadErrorContaining("[CashewsContextWithoutGet] {@:lower}");
    }

    @Test
    void getOnlyReadsTheKeyContext() {
        JavaFileObject source = service("{token:get(x)}");
        assertThat(compile(source)).hadErrorContaining("[CashewsGetOutsideContext] {token:get(x)}")
                .inFile(source).onLineContaining("key = ");
    }

    @Test
    void builtInFormattersCompile() {
        Compilation compilation = compile(service(
                "{token:lower}:{token:upper}:{token:len}:{token:hash}:{token:hash(md5)}:{token:hash(sha1)}:"
                        + "{token:hash(sha256)}:{token:jwt(user_id)}:{page:hash}:{@:get(tenant)}"));
        Compilations.assertCleanSuccess(compilation);
    }
}
