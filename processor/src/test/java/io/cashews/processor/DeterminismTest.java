package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Two builds of the same sources give byte-identical proxies. */
class DeterminismTest {

    private static final String SOURCE = """
            package test;

            import io.cashews.annotations.Cache;
            import java.util.concurrent.CompletableFuture;

            public interface Service {
                record Request(String id, java.util.Map<String, String> headers) {}

                @Cache(ttl = "1h", key = "a:{request.id}:{request.headers.host:lower}")
                String a(Request request);

                @Cache(ttl = "2h")
                CompletableFuture<String> b(String id, int page);

                @Cache(ttl = "3h", key = "c:{request.headers.x}")
                String c(Request request);

                String d(String id);
            }
            """;

    @Test
    void compilingTwiceGivesTheSameBytes() throws IOException {
        assertThat(generated()).isEqualTo(generated());
    }

    private static List<String> generated() throws IOException {
        Compilation compilation = Compilations.compile(Compilations.source("test.Service", SOURCE));
        Compilations.assertCleanSuccess(compilation);
        List<String> contents = new ArrayList<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            contents.add(file.getName() + "\n" + file.getCharContent(true));
        }
        assertThat(contents).hasSize(1);
        return contents;
    }
}
