package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom key formatters: their declarations, the classes naming them, and their use in templates. */
class KeyFormatterValidationTest {

    @TempDir
    Path library;

    private static JavaFileObject formatters(String members) {
        return Compilations.source("test.Fmt", """
                package test;

                import io.cashews.annotations.KeyFormatter;

                public final class Fmt {
                    private Fmt() {}

                %s
                }
                """.formatted(members));
    }

    private static JavaFileObject service(String key) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    @Cache(ttl = "1h", key = "%s")
                    String find(String name);
                }
                """.formatted(key));
    }

    private static final String PREFIX = """
                @KeyFormatter("prefix")
                public static String prefix(String text, String length) {
                    return text.substring(0, Integer.parseInt(length));
                }
            """;

    @Test
    void aFormatterMustBePublicStatic() {
        JavaFileObject source = formatters("""
                @KeyFormatter("shout")
                static String shout(String text) { return text + "!"; }
            """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("[CashewsKeyFormatterSignature] @KeyFormatter method test.Fmt.shout is not"
                        + " public static")
                .inFile(source).onLineContaining("static String shout");
        JavaFileObject instance = formatters("""
                @KeyFormatter("shout")
                public String shout(String text) { return text + "!"; }
            """);
        assertThat(Compilations.compile(instance)).hadErrorContaining("[CashewsKeyFormatterSignature]")
                .inFile(instance).onLineContaining("public String shout");
    }

    @Test
    void aFormatterReturnsStringAndTakesStrings() {
        JavaFileObject returnsInt = formatters("""
                @KeyFormatter("size")
                public static int size(String text) { return text.length(); }
            """);
        assertThat(Compilations.compile(returnsInt))
                .hadErrorContaining("test.Fmt.size returns int instead of String")
                .inFile(returnsInt).onLineContaining("int size");
        JavaFileObject takesInt = formatters("""
                @KeyFormatter("pad")
                public static String pad(String text, int width) { return text; }
            """);
        assertThat(Compilations.compile(takesInt))
                .hadErrorContaining("[CashewsKeyFormatterSignature] @KeyFormatter method test.Fmt.pad takes int as"
                        + " parameter 2")
                .inFile(takesInt).onLineContaining("String pad");
        JavaFileObject noParameters = formatters("""
                @KeyFormatter("constant")
                public static String constant() { return "c"; }
            """);
        assertThat(Compilations.compile(noParameters)).hadErrorContaining("takes no parameters")
                .inFile(noParameters).onLineContaining("String constant");
    }

    @Test
    void aFormatterIsNeitherGenericNorThrowsCheckedExceptions() {
        JavaFileObject checked = formatters("""
                @KeyFormatter("load")
                public static String load(String text) throws java.io.IOException { return text; }
            """);
        assertThat(Compilations.compile(checked))
                .hadErrorContaining("declares checked exception java.io.IOException")
                .inFile(checked).onLineContaining("String load");
        JavaFileObject unchecked = formatters("""
                @KeyFormatter("load")
                public static String load(String text) throws IllegalStateException { return text; }
            """);
        Compilations.assertCleanSuccess(Compilations.compile(unchecked));
        JavaFileObject generic = formatters("""
                @KeyFormatter("same")
                public static <T extends CharSequence> String same(String text) { return text; }
            """);
        assertThat(Compilations.compile(generic)).hadErrorContaining("test.Fmt.same is generic")
                .inFile(generic).onLineContaining("String same");
    }

    @Test
    void aFormatterLivesInAPublicClass() {
        JavaFileObject source = Compilations.source("test.Hidden", """
                package test;

                import io.cashews.annotations.KeyFormatter;

                final class Hidden {
                    @KeyFormatter("hidden")
                    public static String hidden(String text) { return text; }
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("is declared in Hidden, which is not public")
                .inFile(source).onLineContaining("String hidden");
    }

    @Test
    void aFormatterNameIsAnIdentifierThatNoBuiltInHas() {
        JavaFileObject shadowing = formatters("""
                @KeyFormatter("lower")
                public static String lower(String text) { return text; }
            """);
        assertThat(Compilations.compile(shadowing))
                .hadErrorContaining("[CashewsKeyFormatterName] @KeyFormatter(\"lower\") on test.Fmt.lower takes the"
                        + " name of the built-in formatter 'lower'")
                .inFile(shadowing).onLineContaining("@KeyFormatter(\"lower\")");
        for (String builtIn : List.of("upper", "len", "hash", "jwt", "get")) {
            assertThat(Compilations.compile(formatters("""
                    @KeyFormatter("%s")
                    public static String f(String text) { return text; }
                """.formatted(builtIn)))).hadErrorContaining("[CashewsKeyFormatterName]");
        }
        JavaFileObject dashed = formatters("""
                @KeyFormatter("my-format")
                public static String f(String text) { return text; }
            """);
        assertThat(Compilations.compile(dashed))
                .hadErrorContaining("@KeyFormatter(\"my-format\") on test.Fmt.f is not a java identifier")
                .inFile(dashed).onLineContaining("my-format");
    }

    @Test
    void aFormatterNameIsDeclaredOncePerCompilation() {
        JavaFileObject other = Compilations.source("test.Other", """
                package test;

                import io.cashews.annotations.KeyFormatter;

                public final class Other {
                    @KeyFormatter("prefix")
                    public static String first(String text, String length) { return text; }
                }
                """);
        assertThat(Compilations.compile(other, formatters(PREFIX)))
                .hadErrorContaining("[CashewsDuplicateKeyFormatter] formatter 'prefix' is declared by both"
                        + " test.Other.first and test.Fmt.prefix");
    }

    @Test
    void anUnknownFormatterListsTheCustomOnes() {
        JavaFileObject source = service("{name:prefx(2)}");
        assertThat(Compilations.compile(formatters(PREFIX), source))
                .hadErrorContaining("[CashewsUnknownFormatter] unknown formatter 'prefx' in key template"
                        + " \"{name:prefx(2)}\"; did you mean 'prefix'?; the formatters are 'lower', 'upper', 'len',"
                        + " 'hash', 'jwt', 'prefix'")
                .inFile(source).onLineContaining("key = ");
    }

    @Test
    void aCustomFormatterTakesItsNumberOfArguments() {
        JavaFileObject none = service("{name:prefix}");
        assertThat(Compilations.compile(formatters(PREFIX), none))
                .hadErrorContaining("[CashewsFormatterArguments] formatter 'prefix' given () in key template"
                        + " \"{name:prefix}\"; prefix (test.Fmt.prefix) takes exactly 1 argument")
                .inFile(none).onLineContaining("key = ");
        assertThat(Compilations.compile(formatters(PREFIX), service("{name:prefix(1,2)}")))
                .hadErrorContaining("[CashewsFormatterArguments] formatter 'prefix' given (1, 2)");
        JavaFileObject varargs = formatters("""
                @KeyFormatter("tail")
                public static String tail(String text, String first, String... rest) { return text; }
            """);
        assertThat(Compilations.compile(varargs, service("{name:tail}")))
                .hadErrorContaining("takes at least 1 argument");
        Compilations.assertCleanSuccess(Compilations.compile(varargs, service("{name:tail(a)}:{name:tail(a,b,c)}")));
    }

    @Test
    void formattersOfAClassCompiledElsewhereAreOnlyVisibleThroughKeyFormatters() throws IOException {
        Compilation lib = Compilations.compile(Compilations.source("lib.Lib", """
                package lib;

                import io.cashews.annotations.KeyFormatter;

                public final class Lib {
                    @KeyFormatter("shout")
                    public static String shout(String text) { return text + "!"; }
                }
                """));
        Compilations.assertCleanSuccess(lib);
        KeyFormatterFunctionalTest.writeClasses(lib, library);

        JavaFileObject unnamed = service("{name:shout}");
        assertThat(Compilations.compileWithClasspath(List.of(library), unnamed))
                .hadErrorContaining("[CashewsUnknownFormatter] unknown formatter 'shout'");
        JavaFileObject named = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.KeyFormatters;

                @KeyFormatters(lib.Lib.class)
                public interface Service {
                    @Cache(ttl = "1h", key = "{name:shout}")
                    String find(String name);
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compileWithClasspath(List.of(library), named));
        // The same name in this compilation and in a named class: which one is meant?
        JavaFileObject local = formatters("""
                @KeyFormatter("shout")
                public static String shout(String text) { return text; }
            """);
        assertThat(Compilations.compileWithClasspath(List.of(library), named, local))
                .hadErrorContaining("[CashewsAmbiguousFormatter] formatter 'shout' in key template \"{name:shout}\""
                        + " is declared by lib.Lib.shout and test.Fmt.shout")
                .inFile(named).onLineContaining("key = ");
    }

    @Test
    void aBadFormatterOfAClassCompiledElsewhereIsReportedOnKeyFormatters() throws IOException {
        // Compiled without the processor, as a library built without it would be.
        Compilation lib = javac().compile(Compilations.source("lib.Bad", """
                package lib;

                import io.cashews.annotations.KeyFormatter;

                public final class Bad {
                    @KeyFormatter("bad")
                    public String bad(String text) { return text; }
                }
                """));
        assertThat(lib).succeeded();
        KeyFormatterFunctionalTest.writeClasses(lib, library);
        JavaFileObject named = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.KeyFormatters;

                @KeyFormatters(lib.Bad.class)
                public interface Service {
                    @Cache(ttl = "1h", key = "{name}")
                    String find(String name);
                }
                """);
        assertThat(Compilations.compileWithClasspath(List.of(library), named))
                .hadErrorContaining("[CashewsKeyFormatterSignature] @KeyFormatter method lib.Bad.bad is not public"
                        + " static")
                .inFile(named).onLineContaining("@KeyFormatters");
    }

    @Test
    void keyFormattersNamesOnlyClassesWithFormatters() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.KeyFormatters;

                @KeyFormatters({String.class})
                public interface Service {
                    @Cache(ttl = "1h", key = "{name}")
                    String find(String name);
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("[CashewsNoKeyFormatters] @KeyFormatters names java.lang.String, which declares"
                        + " no @KeyFormatter methods")
                .inFile(source).onLineContaining("@KeyFormatters");
    }
}
