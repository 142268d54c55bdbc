package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Runs the processor over a few hundred interface shapes that combine parameter types, result
 * types, checked exceptions and annotations, enumerated deterministically (each dimension walks
 * its values with its own stride, so every value meets many others). Every shape either gets a
 * proxy that compiles without a warning under {@code -Xlint:all}, or is rejected with
 * {@code [Cashews…]} errors only: no internal error, no stack trace, no error in generated code.
 *
 * <p>All shapes go into one compilation. javac stops after processing when the processor
 * reports an error, so the rejected shapes are taken out and the rest compiled again.
 */
class ShapesGeneratorTest {
    private static final int SHAPES = 360;

    /** A parameter: its declaration, the placeholder a key uses for it, and a type variable it needs. */
    private record Parameter(String declaration, String placeholder, String typeVariable) {}

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("String id", "id", ""),
            new Parameter("int n", "n", ""),
            new Parameter("long n", "n", ""),
            new Parameter("Integer boxed", "boxed", ""),
            new Parameter("char c", "c", ""),
            new Parameter("boolean flag", "flag", ""),
            new Parameter("double d", "d", ""),
            new Parameter("int[] ints", "ints", ""),
            new Parameter("String[] names", "names", ""),
            new Parameter("byte[] bytes", "bytes", ""),
            new Parameter("List<String> list", "list", ""),
            new Parameter("Map<String, Integer> map", "map", ""),
            new Parameter("Optional<String> opt", "opt", ""),
            new Parameter("Model.Point point", "point.x", ""),
            new Parameter("Model.Color color", "color", ""),
            new Parameter("Model.Box<String> box", "box.value", ""),
            new Parameter("T value", "value", "T"),
            new Parameter("List<? extends Number> nums", "nums", ""),
            new Parameter("N number", "number", "N extends Number & Comparable<N>"),
            new Parameter("String... rest", "rest", ""));

    /** A result type and the type variable it needs. */
    private static final List<String[]> RESULTS = List.of(
            new String[] {"String", ""}, new String[] {"int", ""}, new String[] {"long", ""},
            new String[] {"boolean", ""}, new String[] {"double", ""}, new String[] {"void", ""},
            new String[] {"List<String>", ""}, new String[] {"Map<String, List<Integer>>", ""},
            new String[] {"Optional<String>", ""}, new String[] {"CompletableFuture<String>", ""},
            new String[] {"CompletionStage<List<String>>", ""}, new String[] {"CompletableFuture<Void>", ""},
            new String[] {"CompletableFuture<int[]>", ""}, new String[] {"Stream<String>", ""},
            new String[] {"Iterator<Integer>", ""}, new String[] {"String[]", ""}, new String[] {"int[]", ""},
            new String[] {"Model.Point", ""}, new String[] {"Model.Color", ""}, new String[] {"R", "R"},
            new String[] {"Object", ""}, new String[] {"Model.Box<Integer>", ""},
            new String[] {"Flow.Publisher<String>", ""}, new String[] {"Optional<R>", "R extends Number"});

    /** A throws clause, the method's type variable it needs, and whether the interface declares {@code X}. */
    private static final List<String[]> THROWS = List.of(
            new String[] {"", ""}, new String[] {"throws IOException", ""},
            new String[] {"throws IOException, SQLException", ""}, new String[] {"throws E", "E extends Exception"},
            new String[] {"throws E, IOException", "E extends Exception"}, new String[] {"throws Exception", ""},
            new String[] {"throws RuntimeException", ""}, new String[] {"throws X", ""},
            new String[] {"throws X, SQLException", ""});

    /** Annotations; {@code K} stands for the first parameter's placeholder. */
    private static final List<String> ANNOTATIONS = List.of(
            "@Cache(ttl = \"1m\")",
            "@Cache(ttl = \"1m\", key = \"k:{K}\")",
            "@Cache(ttl = \"10m\", key = \"k:{K}\", tags = \"t:{K}\")",
            "@Cache(ttl = \"1m\", lock = true)",
            "@Cache(ttl = \"1m\", prefix = \"pre\", condition = io.cashews.NotNullCondition.class)",
            "@Cache(ttl = \"1m\", withExceptions = IOException.class)",
            "@Failover(ttl = \"1h\") @Cache(ttl = \"1m\")",
            "@Hit(ttl = \"1m\", cacheHits = 3)",
            "@Early(ttl = \"1m\", earlyTtl = \"30s\")",
            "@Failover(ttl = \"1h\") @Early(ttl = \"1m\")",
            "@Soft(ttl = \"1m\", softTtl = \"30s\")",
            "@Locked(ttl = \"10s\")",
            "@RateLimit(limit = 10, period = \"1m\")",
            "@CircuitBreaker(errorsRate = 50, period = \"1m\", ttl = \"1m\")",
            "@Invalidate(\"k:*\")",
            "@Dynamic",
            "@Failover(ttl = \"1h\") @Hit(ttl = \"1m\", cacheHits = 2, key = \"h:{K}\")");

    private static final String MODEL = """
            package shapes;

            public final class Model {
                private Model() {}

                public record Point(int x, int y) {}
                public enum Color { RED, GREEN }
                public record Box<T>(T value) {}
            }
            """;

    private static final String IMPORTS = """
            package shapes;

            import io.cashews.annotations.*;
            import java.io.IOException;
            import java.sql.SQLException;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.stream.Stream;

            """;

    @Test
    void everyShapeCompilesCleanlyOrIsRejectedWithCashewsErrorsOnly() {
        Map<String, JavaFileObject> shapes = new LinkedHashMap<>();
        for (int i = 0; i < SHAPES; i++) {
            shapes.put("shapes.S" + i, Compilations.source("shapes.S" + i, shape(i)));
        }
        Map<String, List<String>> rejected = new LinkedHashMap<>();
        Compilation compilation = null;
        for (int pass = 0; pass < 3; pass++) {
            List<JavaFileObject> sources = new ArrayList<>(shapes.values());
            sources.add(Compilations.source("shapes.Model", MODEL));
            compilation = Compilations.compile(sources.toArray(JavaFileObject[]::new));
            Set<String> failedNow = new LinkedHashSet<>();
            for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
                if (d.getKind() == Diagnostic.Kind.NOTE) {
                    continue;
                }
                String message = d.getMessage(Locale.ROOT);
                String file = d.getSource() == null ? "(no file)" : d.getSource().getName();
                String where = file + ":" + d.getLineNumber() + ": " + message;
                assertThat(message).as(where).doesNotContain("CashewsInternalError").doesNotContain("\tat ");
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    assertThat(message).as("only the processor may reject a shape: " + where).startsWith("[Cashews");
                    String shape = "shapes." + file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
                    assertThat(shapes).as(where).containsKey(shape);
                    failedNow.add(shape);
                    rejected.computeIfAbsent(shape, s -> new ArrayList<>()).add(message);
                } else if (!message.contains("No processor claimed any of these annotations")) {
                    assertThat(message).as("a warning outside the processor's own: " + where).startsWith("[Cashews");
                }
            }
            if (failedNow.isEmpty()) {
                break;
            }
            failedNow.forEach(shapes::remove);
        }
        assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
        // Every accepted shape has its proxy; most shapes are accepted, so the test says something.
        for (String shape : shapes.keySet()) {
            assertThat(compilation.generatedSourceFile(shape + "_Cached")).as(shape).isPresent();
        }
        assertThat(shapes.size()).as("accepted shapes; rejected: " + rejected).isGreaterThan(SHAPES / 2);
        assertThat(rejected).as("some shapes are misuse").isNotEmpty();
    }

    /** Shape {@code i}: each dimension moves by its own stride, co-prime with its size. */
    private static String shape(int i) {
        Parameter first = PARAMETERS.get(i % PARAMETERS.size());
        String[] result = RESULTS.get((i * 7 + 3) % RESULTS.size());
        String[] thrown = THROWS.get((i * 5 + 1) % THROWS.size());
        String annotation = ANNOTATIONS.get((i * 11 + 2) % ANNOTATIONS.size());
        boolean noParameters = i % 13 == 12;
        List<String> parameters = new ArrayList<>();
        Set<String> typeVariables = new LinkedHashSet<>();
        if (!noParameters) {
            if (i % 3 == 0) {
                parameters.add("String other");
            }
            parameters.add(first.declaration());
            if (!first.typeVariable().isEmpty()) {
                typeVariables.add(first.typeVariable());
            }
        }
        if (!result[1].isEmpty()) {
            typeVariables.add(result[1]);
        }
        if (!thrown[1].isEmpty()) {
            typeVariables.add(thrown[1]);
        }
        String key = noParameters ? "" : first.placeholder();
        if (noParameters) {
            annotation = annotation.replace(", key = \"k:{K}\"", "").replace(", key = \"h:{K}\"", "")
                    .replace(", tags = \"t:{K}\"", "");
        }
        String method = annotation.replace("{K}", "{" + key + "}") + "\n    "
                + (typeVariables.isEmpty() ? "" : "<" + String.join(", ", typeVariables) + "> ")
                + result[0] + " m" + i + "(" + String.join(", ", parameters) + ") " + thrown[0] + ";";
        String typeParameter = thrown[0].contains("X") ? "<X extends Exception>" : "";
        return IMPORTS + "public interface S" + i + typeParameter + " {\n    " + method
                + "\n\n    String plain(String id);\n}\n";
    }
}
