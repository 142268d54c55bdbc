package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Compile-time checks of the {@code tags} attribute and of {@code @Invalidate}. */
class TagsValidationTest {

    /** An interface with one annotated method {@code save(User user, int page)}. */
    private static JavaFileObject service(String annotation, String result) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.*;
                import java.util.concurrent.CompletableFuture;
                import java.util.stream.Stream;

                public interface Service {
                    record User(long id, String name) {}

                    %s
                    %s save(User user, int page);
                }
                """.formatted(annotation, result));
    }

    private static Compilation compile(JavaFileObject source) {
        return Compilations.compile(source);
    }

    @Test
    void validTagsAndInvalidationsCompileCleanly() {
        Compilations.assertCleanSuccess(compile(service("""
                @Invalidate(value = {"items:page:*", "user:{user.id}"}, tags = {"page:{page}"})
                    @Cache(ttl = "1m", key = "save:{user.id}", tags = {"user:{user.id}", "page:{page:hash}"})""",
                "String")));
        Compilations.assertCleanSuccess(compile(service("@Invalidate(\"user:{user.id}\")", "void")));
        Compilations.assertCleanSuccess(compile(service("@Invalidate(tags = \"page:{page}\")", "CompletableFuture<Void>")));
        for (String layer : new String[] {
                "@Failover(ttl = \"1h\", tags = \"user:{user.id}\") @Hit(ttl = \"1h\", cacheHits = 2, tags = \"u\")",
                "@Dynamic(tags = \"all\")",
                "@Early(ttl = \"1h\", tags = \"user:{user.name:lower}\")",
                "@Soft(ttl = \"1h\", tags = \"p:{page}\")"}) {
            Compilations.assertCleanSuccess(compile(service(layer, "String")));
        }
    }

    @Test
    void genericInterfacesAndGenericParametersCompileCleanly() {
        Compilations.assertCleanSuccess(compile(Compilations.source("test.Repo", """
                package test;

                import io.cashews.annotations.*;
                import java.util.List;
                import java.util.Map;

                public interface Repo<T> {
                    @Cache(ttl = "1m", key = "find:{id}", tags = {"repo:{filter.kind}", "ids:{ids}"})
                    T find(String id, Map<String, String> filter, List<Long> ids, T example);

                    @Invalidate(value = "find:{example}", tags = "ids:{ids}")
                    <R> R save(T example, List<Long> ids, R result);
                }
                """)));
    }

    @Test
    void unknownParameterInATag() {
        JavaFileObject source = service("@Cache(ttl = \"1m\", tags = \"user:{usr.id}\")", "String");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsUnknownParameter] unknown parameter 'usr'").inFile(source)
                .onLineContaining("@Cache");
        assertThat(compilation).hadErrorContaining("did you mean 'user'?");
    }

    @Test
    void unknownPropertyInAnInvalidatedKey() {
        JavaFileObject source = service("@Invalidate(\"user:{user.idd}\")", "void");
        assertThat(compile(source)).hadErrorContaining("[CashewsUnknownProperty]").inFile(source)
                .onLineContaining("@Invalidate");
    }

    @Test
    void malformedTagTemplate() {
        JavaFileObject source = service("@Hit(ttl = \"1m\", cacheHits = 2, tags = \"user:{user.id\")", "String");
        assertThat(compile(source)).hadErrorContaining("[CashewsTemplateSyntax]").inFile(source)
                .onLineContaining("@Hit");
    }

    @Test
    void emptyTag() {
        JavaFileObject source = service("@Early(ttl = \"1m\", tags = {\"ok\", \"\"})", "String");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsEmptyTag] @Early has an empty tag template").inFile(source)
                .onLineContaining("@Early");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void invalidateWithNothingToDelete() {
        JavaFileObject source = service("@Invalidate", "void");
        assertThat(compile(source)).hadErrorContaining("[CashewsEmptyInvalidate] @Invalidate on method 'save'")
                .inFile(source).onLineContaining("@Invalidate");
    }

    @Test
    void invalidateWithAnEmptyKey() {
        JavaFileObject source = service("@Invalidate({\"a:{page}\", \" \"})", "void");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsEmptyInvalidateKey]").inFile(source)
                .onLineContaining("@Invalidate");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void tagsOnAnIteratorMethod() {
        JavaFileObject source = service("@Cache(ttl = \"1m\", tags = \"t\")", "Stream<String>");
        assertThat(compile(source)).hadErrorContaining("[CashewsIteratorOption]").inFile(source)
                .onLineContaining("@Cache");
    }
}
