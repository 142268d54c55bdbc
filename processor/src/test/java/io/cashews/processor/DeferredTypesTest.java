package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Interfaces that use types another processor generates are handled once those types exist. */
class DeferredTypesTest {

    /** Generates {@code test.Later} in its first round, as a code generator would. */
    static final class LaterProcessor extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (done) {
                return false;
            }
            done = true;
            try (Writer writer = processingEnv.getFiler().createSourceFile("test.Later").openWriter()) {
                writer.write("""
                        package test;

                        public record Later(String id) {}
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        }
    }

    private static final JavaFileObject SERVICE = Compilations.source("test.Service", """
            package test;

            import io.cashews.annotations.Cache;

            public interface Service {
                @Cache(ttl = "1h", key = "later:{later.id}")
                Later find(Later later);
            }
            """);

    @Test
    void proxyIsWrittenOnceTheGeneratedTypeExists() {
        Compilation compilation = javac()
                // Cashews finds Later unresolved in round 1, defers the interface and writes its
                // proxy in round 2, after the other processor has generated Later.
                .withProcessors(new CashewsProcessor(), new LaterProcessor())
                .withOptions("-parameters")
                .compile(SERVICE);
        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .contains("Keys.escape(later == null ? null : later.id())");
    }
}
