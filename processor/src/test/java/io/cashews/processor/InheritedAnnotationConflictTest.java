package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 D6: a diamond whose sides declare one method with different annotations was resolved
 * by the order of {@code extends}, silently. It is an error on the interface now, naming both.
 */
class InheritedAnnotationConflictTest {

    private static JavaFileObject diamond(String leftAnnotation, String rightAnnotation, String bothBody) {
        return Compilations.source("test.Diamond", """
                package test;

                import io.cashews.annotations.*;

                public final class Diamond {
                    private Diamond() {}

                    public interface Left {
                        %s
                        String get(String id);
                    }

                    public interface Right {
                        %s
                        String get(String id);
                    }

                    public interface Both extends Left, Right {
                        @Cache(ttl = "1m")
                        String other(String id);
                        %s
                    }
                }
                """.formatted(leftAnnotation, rightAnnotation, bothBody));
    }

    @Test
    void conflictingAnnotationsFromTwoSuperinterfacesAreAnErrorNamingBoth() {
        JavaFileObject source = diamond("@Cache(ttl = \"1m\", key = \"left:{id}\")",
                "@Cache(ttl = \"2h\", key = \"right:{id}\")", "");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsInheritedConflict] interface test.Diamond.Both inherits"
                + " method 'get' from test.Diamond.Left (@io.cashews.annotations.Cache(ttl=\"1m\", key=\"left:{id}\"))"
                + " and from test.Diamond.Right (@io.cashews.annotations.Cache(ttl=\"2h\", key=\"right:{id}\"))")
                .inFile(source).onLineContaining("interface Both");
        assertThat(compilation).hadErrorContaining("override 'get' in test.Diamond.Both and restate the annotations");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void anAnnotationOnOneSideOnlyIsAConflictToo() {
        JavaFileObject source = diamond("", "@Cache(ttl = \"2h\")", "");
        assertThat(Compilations.compile(source)).hadErrorContaining("from test.Diamond.Left (no Cashews annotation)"
                + " and from test.Diamond.Right (@io.cashews.annotations.Cache(ttl=\"2h\"))");
    }

    @Test
    void anOverrideThatRestatesTheAnnotationResolvesTheConflict() {
        Compilations.assertCleanSuccess(Compilations.compile(diamond("@Cache(ttl = \"1m\", key = \"left:{id}\")",
                "@Cache(ttl = \"2h\", key = \"right:{id}\")", """
                @Override
                        @Cache(ttl = "2h", key = "right:{id}")
                        String get(String id);""")));
    }

    @Test
    void theSameAnnotationOnBothSidesIsNoConflict() {
        Compilations.assertCleanSuccess(Compilations.compile(diamond("@Cache(ttl = \"1m\", key = \"k:{id}\")",
                "@Cache(ttl = \"1m\", key = \"k:{id}\")", "")));
    }
}
