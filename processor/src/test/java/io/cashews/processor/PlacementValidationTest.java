package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Where {@code @Cache} may appear and which method shapes it can cache. */
class PlacementValidationTest {

    @Test
    void annotationOnAClassMethodIsAnError() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public class Service {
                    @Cache(ttl = "1h")
                    public String find(String id) { return id; }
                }
                """);
        assertThat(Compilations.compile(source)).hadErrorContaining(
                "[CashewsNotInterface] @Cache is on a method of class test.Service, but only interface methods"
                        + " can be cached")
                .inFile(source).onLineContaining("@Cache");
    }

    @Test
    void annotationOnARecordMethodNamesTheKind() {
        JavaFileObject source = Compilations.source("test.Point", """
                package test;

                import io.cashews.annotations.Cache;

                public record Point(int x) {
                    @Cache(ttl = "1h")
                    public String label() { return "p"; }
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("[CashewsNotInterface] @Cache is on a method of record test.Point")
                .inFile(source).onLineContaining("@Cache");
    }

    @Test
    void staticAndPrivateInterfaceMethodsAreErrors() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    @Cache(ttl = "1h")
                    static String helper(String id) { return id; }

                    @Cache(ttl = "2h")
                    private String hidden(String id) { return id; }

                    @Cache(ttl = "3h")
                    String find(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsStaticMethod] @Cache is on static method 'helper'")
                .inFile(source).onLineContaining("\"1h\"");
        assertThat(compilation).hadErrorContaining("[CashewsPrivateMethod] @Cache is on private method 'hidden'")
                .inFile(source).onLineContaining("\"2h\"");
    }

    @Test
    void voidMethodIsAnError() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    @Cache(ttl = "1h")
                    void reset(String id);
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("[CashewsVoidReturn] @Cache method 'reset' returns void")
                .inFile(source).onLineContaining("@Cache");
    }

    @Test
    void completionStageOfVoidIsAllowed() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.concurrent.CompletionStage;

                public interface Service {
                    @Cache(ttl = "1h")
                    CompletionStage<Void> warm(String id);
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(source));
    }

    @Test
    void streamsIteratorsAndPublishersOtherThanTheThreeSupportedAreErrors() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.ListIterator;
                import java.util.concurrent.SubmissionPublisher;
                import java.util.stream.IntStream;

                public interface Service {
                    @Cache(ttl = "2h")
                    ListIterator<String> iterator(String id);

                    @Cache(ttl = "3h")
                    SubmissionPublisher<String> publisher(String id);

                    @Cache(ttl = "4h")
                    IntStream ints(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsIteratorUnsupported] @Cache method 'iterator' returns"
                + " java.util.ListIterator<java.lang.String>").inFile(source).onLineContaining("\"2h\"");
        assertThat(compilation).hadErrorContaining("[CashewsIteratorUnsupported] @Cache method 'publisher'")
                .inFile(source).onLineContaining("\"3h\"");
        assertThat(compilation).hadErrorContaining("[CashewsIteratorUnsupported] @Cache method 'ints'")
                .inFile(source).onLineContaining("\"4h\"");
    }

    @Test
    void throwsThrowableIsAnError() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    @Cache(ttl = "1h")
                    String find(String id) throws Throwable;
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("[CashewsThrowsThrowable] @Cache method 'find' declares throws java.lang.Throwable")
                .inFile(source).onLineContaining("@Cache");
    }

    @Test
    void privateNestedInterfaceCannotBeProxied() {
        JavaFileObject source = Compilations.source("test.Outer", """
                package test;

                import io.cashews.annotations.Cache;

                public class Outer {
                    private interface Service {
                        @Cache(ttl = "1h")
                        String find(String id);
                    }
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("[CashewsInaccessibleInterface] interface test.Outer.Service is private")
                .inFile(source).onLineContaining("private interface Service");
    }

    @Test
    void sealedInterfaceCannotBeProxied() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public sealed interface Service permits Service.Impl {
                    @Cache(ttl = "1h")
                    String find(String id);

                    final class Impl implements Service {
                        @Override public String find(String id) { return id; }
                    }
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("[CashewsInaccessibleInterface] interface test.Service is sealed");
    }

    @Test
    void interfaceUsingATypeThatNeverAppearsIsReportedOnce() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    @Cache(ttl = "1h")
                    Missing find(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[CashewsUnresolvedType] interface test.Service uses type")
                .inFile(source).onLineContaining("public interface Service");
    }
}
