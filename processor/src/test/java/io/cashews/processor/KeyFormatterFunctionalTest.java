package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.KeyFormats;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom key formatters and type formatters through generated proxies: formatters declared in the
 * same compilation, in the interface itself, in a class compiled earlier and named by
 * {@code @KeyFormatters}, and type formatters registered at run time.
 */
class KeyFormatterFunctionalTest {

    /** Compiled on its own first, then only on the class path of the interfaces using it. */
    private static final String LIBRARY = """
            package lib;

            import io.cashews.annotations.KeyFormatter;

            public final class LibraryFormatters {
                private LibraryFormatters() {}

                @KeyFormatter("initials")
                public static String initials(String text) {
                    StringBuilder out = new StringBuilder();
                    for (String word : text.split(" ")) {
                        if (!word.isEmpty()) {
                            out.append(word.charAt(0));
                        }
                    }
                    return out.toString();
                }
            }
            """;

    private static final String SAME_COMPILATION = """
            package fx;

            import io.cashews.annotations.KeyFormatter;

            public final class Formatters {
                private Formatters() {}

                @KeyFormatter("prefix")
                public static String prefix(String text, String length) {
                    return text.substring(0, Math.min(text.length(), Integer.parseInt(length))).toUpperCase();
                }

                @KeyFormatter("join")
                public static String join(String text, String... parts) {
                    return text + "[" + String.join("|", parts) + "]";
                }

                public static String join(String text, String only) {
                    return "wrong overload";
                }
            }
            """;

    private static final String SERVICE = """
            package fx;

            import io.cashews.annotations.Cache;
            import io.cashews.annotations.KeyFormatter;
            import io.cashews.annotations.KeyFormatters;
            import java.math.BigDecimal;
            import java.util.List;
            import java.util.UUID;

            @KeyFormatters(lib.LibraryFormatters.class)
            public interface Service {
                @Cache(ttl = "1h", key = "p:{name:prefix(3)}")
                String prefixed(String name);

                @Cache(ttl = "1h", key = "j:{name:join}:{name:join(a)}:{name:join(a, b)}")
                String joined(String name);

                @Cache(ttl = "1h", key = "i:{name:initials}:{name:len}")
                String initials(String name);

                @Cache(ttl = "1h", key = "r:{id:reversed}")
                String reversed(int id);

                @Cache(ttl = "1h", key = "m:{amount}:{id}:{amounts}")
                String money(BigDecimal amount, UUID id, List<BigDecimal> amounts);

                @Cache(ttl = "1h")
                String byDefault(BigDecimal amount);

                @Cache(ttl = "1h", key = "h:{holder.name:prefix(2)}:{holder.amount}")
                String path(Holder holder);

                record Holder(String name, BigDecimal amount) {}

                @KeyFormatter("reversed")
                static String reversed(String text) {
                    return new StringBuilder(text).reverse().toString();
                }
            }
            """;

    private static final String SERVICE_IMPL = """
            package fx;

            import java.math.BigDecimal;
            import java.util.List;
            import java.util.UUID;

            public class ServiceImpl implements Service {
                @Override public String prefixed(String name) { return "p"; }
                @Override public String joined(String name) { return "j"; }
                @Override public String initials(String name) { return "i"; }
                @Override public String reversed(int id) { return "r"; }
                @Override public String money(BigDecimal amount, UUID id, List<BigDecimal> amounts) { return "m"; }
                @Override public String byDefault(BigDecimal amount) { return "d"; }
                @Override public String path(Holder holder) { return "h"; }
            }
            """;

    private static final UUID ID = UUID.fromString("00000000-0000-0001-0000-000000000002");

    @TempDir
    static Path libraryClasses;

    private static CompiledClasses classes;
    private Cashews cache;
    private Object service;

    @BeforeAll
    static void compile() throws IOException {
        Compilation library = Compilations.compile(Compilations.source("lib.LibraryFormatters", LIBRARY));
        Compilations.assertCleanSuccess(library);
        writeClasses(library, libraryClasses);

        Compilation compilation = Compilations.compileWithClasspath(List.of(libraryClasses),
                Compilations.source("fx.Formatters", SAME_COMPILATION),
                Compilations.source("fx.Service", SERVICE),
                Compilations.source("fx.ServiceImpl", SERVICE_IMPL));
        Compilations.assertCleanSuccess(compilation);
        URLClassLoader parent = new URLClassLoader(new URL[] {libraryClasses.toUri().toURL()},
                KeyFormatterFunctionalTest.class.getClassLoader());
        classes = new CompiledClasses(compilation, parent);
    }

    /** Writes the class files of {@code compilation} under {@code directory}, as a build would. */
    static void writeClasses(Compilation compilation, Path directory) throws IOException {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            Path target = directory.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = file.openInputStream()) {
                Files.write(target, in.readAllBytes());
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        cache = Cashews.create("mem://");
        service = classes.create("fx.Service_Cached", classes.create("fx.ServiceImpl"), cache);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        KeyFormats.unregister(BigDecimal.class);
        KeyFormats.unregister(UUID.class);
    }

    private List<String> keys() {
        return cache.scan("*").sorted().toList();
    }

    @Test
    void aFormatterOfTheSameCompilationIsCalledWithTheTemplatesArgument() throws Throwable {
        call(service, "prefixed", "cashews");
        assertThat(keys()).containsExactly("p:CAS");
    }

    @Test
    void varargsFormattersTakeAnyNumberOfArgumentsAndNeverTheFixedOverload() throws Throwable {
        call(service, "joined", "x");
        // A formatter's result is escaped like any value (SPEC §5): its brackets cannot open a glob.
        assertThat(keys()).containsExactly("j:x\\[\\]:x\\[a\\]:x\\[a|b\\]");
    }

    @Test
    void aFormatterCompiledEarlierIsUsedThroughKeyFormatters() throws Throwable {
        call(service, "initials", "Ada Lovelace King");
        assertThat(keys()).containsExactly("i:ALK:17");
    }

    @Test
    void aStaticFormatterOfTheInterfaceItselfRendersAPrimitive() throws Throwable {
        call(service, "reversed", 123);
        assertThat(keys()).containsExactly("r:321");
    }

    @Test
    void formattersApplyAtTheEndOfPropertyPaths() throws Throwable {
        KeyFormats.register(BigDecimal.class, d -> d.setScale(1, RoundingMode.DOWN).toPlainString());
        call(service, "path", classes.create("fx.Service$Holder", "cashews", new BigDecimal("9.99")));
        assertThat(keys()).containsExactly("h:CA:9.9");
    }

    @Test
    void typeFormattersRegisteredAtRunTimeChangeKeysNestedValuesIncluded() throws Throwable {
        call(service, "money", new BigDecimal("1.5"), ID, List.of(new BigDecimal("2")));
        assertThat(keys()).containsExactly("m:1.5:" + ID + ":2");

        KeyFormats.register(BigDecimal.class, d -> d.setScale(2, RoundingMode.HALF_UP).toPlainString());
        KeyFormats.register(UUID.class, u -> "uuid-" + u.getLeastSignificantBits());
        call(service, "money", new BigDecimal("1.5"), ID, List.of(new BigDecimal("2")));
        call(service, "byDefault", new BigDecimal("0.333"));

        assertThat(keys()).contains("m:1.50:uuid-2:2.00", "fx.Service.byDefault:amount:0.33");
    }
}
