package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import io.cashews.annotations.Cache;
import java.io.File;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The {@code condition} and {@code ttlFunction} classes the proxy creates with {@code new}. */
class StrategyClassValidationTest {

    private static final JavaFileObject CLASSES = Compilations.source("test.Classes", """
            package test;

            import io.cashews.CacheCondition;
            import io.cashews.TtlFunction;
            import java.time.Duration;

            public final class Classes {
                private Classes() {}

                public static class Good implements CacheCondition {
                    @Override public boolean test(Object result, Object[] args, String key) { return true; }
                }
                public static class GoodTtl implements TtlFunction {
                    @Override public Duration ttl(Object[] args, Object result) { return Duration.ofSeconds(1); }
                }
                public static class NotACondition {}
                public abstract static class Abstract implements CacheCondition {}
                static class Hidden implements CacheCondition {
                    @Override public boolean test(Object result, Object[] args, String key) { return true; }
                }
                public static class NeedsArgument implements CacheCondition {
                    public NeedsArgument(int x) {}
                    @Override public boolean test(Object result, Object[] args, String key) { return true; }
                }
                public static class Generic<T> implements CacheCondition {
                    @Override public boolean test(Object result, Object[] args, String key) { return true; }
                }
                public class Inner implements CacheCondition {
                    @Override public boolean test(Object result, Object[] args, String key) { return true; }
                }
            }
            """);

    private static JavaFileObject service(String attributes) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import test.Classes.*;

                public interface Service {
                    @Cache(ttl = "1h", %s)
                    String find(String id);
                }
                """.formatted(attributes));
    }

    private static Compilation compile(JavaFileObject source) {
        return Compilations.compile(CLASSES, source);
    }

    @Test
    void conditionMustImplementCacheCondition() {
        JavaFileObject source = service("condition = NotACondition.class");
        assertThat(compile(source)).hadErrorContaining(
                "[CashewsWrongInterface] condition class test.Classes.NotACondition does not implement"
                        + " io.cashews.CacheCondition")
                .inFile(source).onLineContaining("condition = ");
    }

    @Test
    void ttlFunctionMustImplementTtlFunction() {
        JavaFileObject source = service("ttlFunction = Good.class");
        assertThat(compile(source)).hadErrorContaining("[CashewsWrongInterface] ttlFunction class test.Classes.Good"
                + " does not implement io.cashews.TtlFunction")
                .inFile(source).onLineContaining("ttlFunction = ");
    }

    @Test
    void abstractClassIsRejected() {
        assertThat(compile(service("condition = Abstract.class")))
                .hadErrorContaining("[CashewsNotInstantiable] condition class test.Classes.Abstract is abstract");
    }

    @Test
    void nonPublicClassIsRejected() {
        JavaFileObject source = service("condition = Hidden.class");
        assertThat(compile(source))
                .hadErrorContaining("[CashewsNotInstantiable] condition class test.Classes.Hidden is not public")
                .inFile(source).onLineContaining("condition = ");
    }

    @Test
    void classWithoutNoArgConstructorIsRejected() {
        assertThat(compile(service("condition = NeedsArgument.class")))
                .hadErrorContaining("has no public no-argument constructor");
    }

    @Test
    void genericAndInnerClassesAreRejected() {
        assertThat(compile(service("condition = Generic.class"))).hadErrorContaining("is generic");
        assertThat(compile(service("condition = Inner.class"))).hadErrorContaining("is an inner (non-static) class");
    }

    @Test
    void interfaceIsRejected() {
        assertThat(compile(service("condition = io.cashews.CacheCondition.class")))
                .hadErrorContaining("[CashewsNotInstantiable] condition class io.cashews.CacheCondition is an interface");
    }

    @Test
    void goodClassesAreCreatedInTheConstructor() {
        Compilation compilation = compile(service("condition = Good.class, ttlFunction = GoodTtl.class"));
        Compilations.assertCleanSuccess(compilation);
        assertThat(compilation).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .containsMatch("\\.condition\\(new Classes\\.Good\\(\\)\\)\\s*\\.ttlFunction\\(new Classes\\.GoodTtl\\(\\)\\)");
        assertThat(compilation).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .contains("new Object[] {id}");
    }

    @Test
    void builtInNotNullConditionIsAccepted() {
        Compilations.assertCleanSuccess(compile(service("condition = io.cashews.NotNullCondition.class")));
    }

    @Test
    void missingRuntimeIsReportedWithTheFix() throws Exception {
        // Only the annotations on the class path: the user forgot the runtime dependency.
        File annotations = new File(Cache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    final class Always {
                        public boolean test(Object result, Object[] args, String key) { return true; }
                    }

                    @Cache(ttl = "1h", condition = Always.class)
                    String find(String id);
                }
                """);
        Compilation compilation = javac()
                .withProcessors(new CashewsProcessor())
                .withClasspath(List.of(annotations))
                .compile(source);
        assertThat(compilation).hadErrorContaining(
                "[CashewsRuntimeMissing] condition needs io.cashews.CacheCondition, which is not on the compile"
                        + " classpath; add the cashews-runtime dependency")
                .inFile(source).onLineContaining("condition = ");
    }
}
