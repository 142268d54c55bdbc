package io.cashews.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** The processor under test, configured as the project's builds run it. */
final class Compilations {
    /**
     * javac's processing lint reports that no processor claimed {@code @Generated} on the
     * generated proxies themselves; every other warning counts.
     */
    private static final String UNCLAIMED_GENERATED = "No processor claimed any of these annotations";

    private Compilations() {}

    static Compilation compile(JavaFileObject... sources) {
        return javac()
                .withProcessors(new CashewsProcessor())
                .withOptions("-Xlint:all", "-parameters")
                .compile(sources);
    }

    /**
     * Like {@link #compile}, with {@code extra} (directories of classes compiled earlier) on the
     * class path after the test's own.
     */
    static Compilation compileWithClasspath(List<java.nio.file.Path> extra, JavaFileObject... sources) {
        StringBuilder classpath = new StringBuilder(System.getProperty("java.class.path"));
        extra.forEach(p -> classpath.append(java.io.File.pathSeparator).append(p));
        return javac()
                .withProcessors(new CashewsProcessor())
                .withOptions("-Xlint:all", "-parameters", "-classpath", classpath.toString())
                .compile(sources);
    }

    /** A source file from its fully qualified type name and text. */
    static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }

    /** Asserts that the compilation succeeded without any warning (generated code included). */
    static void assertCleanSuccess(Compilation compilation) {
        List<String> problems = compilation.diagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(d -> d.getKind() + ": " + d.getMessage(Locale.ROOT))
                .filter(m -> !m.contains(UNCLAIMED_GENERATED))
                .toList();
        assertThat(problems).isEmpty();
        assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    }
}
