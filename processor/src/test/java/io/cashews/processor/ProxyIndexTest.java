package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.ProxyFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index {@code META-INF/cashews/proxies} and the ServiceLoader file of the proxies'
 * factories: their content for plain, nested and generic interfaces, their determinism, and
 * their merge across incremental compilations of one output directory.
 */
class ProxyIndexTest {

    private static final String USERS = """
            package com.example;

            import io.cashews.annotations.Cache;

            public interface Users {
                @Cache(ttl = "1h", key = "user:{id}")
                String name(long id);
            }
            """;
    private static final String ORDERS = """
            package com.example.shop;

            import io.cashews.annotations.Cache;

            public interface Orders {
                @Cache(ttl = "1h", key = "order:{id}")
                String status(String id);
            }
            """;
    private static final String OUTER = """
            package com.example;

            import io.cashews.annotations.Cache;
            import java.util.List;

            public class Outer {
                public interface Repository<T extends Comparable<T>> {
                    @Cache(ttl = "1h", key = "ids:{ids}")
                    List<T> all(List<String> ids);
                }

                /** Shadows nothing: the proxy's own nested Factory must not hide it. */
                public interface Factory {
                    @Cache(ttl = "1h", key = "make:{name}")
                    String make(String name);
                }
            }
            """;
    private static final String PLAIN = """
            package com.example;

            public interface Plain {
                String name(long id);
            }
            """;

    private static Compilation compileAll() {
        return Compilations.compile(Compilations.source("com.example.Outer", OUTER),
                Compilations.source("com.example.shop.Orders", ORDERS), Compilations.source("com.example.Users", USERS),
                Compilations.source("com.example.Plain", PLAIN));
    }

    private static String resource(Compilation compilation, String path) throws IOException {
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path).orElseThrow();
        return file.getCharContent(true).toString();
    }

    @Test
    void theIndexListsEveryProxyByBinaryNameSorted() throws IOException {
        Compilation compilation = compileAll();
        Compilations.assertCleanSuccess(compilation);
        assertThat(resource(compilation, "META-INF/cashews/proxies")).isEqualTo("""
                com.example.Outer$Factory=com.example.Outer_Factory_Cached
                com.example.Outer$Repository=com.example.Outer_Repository_Cached
                com.example.Users=com.example.Users_Cached
                com.example.shop.Orders=com.example.shop.Orders_Cached
                """);
        assertThat(resource(compilation, "META-INF/services/io.cashews.ProxyFactory")).isEqualTo("""
                com.example.Outer_Factory_Cached$Factory
                com.example.Outer_Repository_Cached$Factory
                com.example.Users_Cached$Factory
                com.example.shop.Orders_Cached$Factory
                """);
    }

    @Test
    void theIndexIsTheSameWhateverTheOrderOfTheSources() throws IOException {
        Compilation reversed = Compilations.compile(Compilations.source("com.example.Plain", PLAIN),
                Compilations.source("com.example.Users", USERS), Compilations.source("com.example.shop.Orders", ORDERS),
                Compilations.source("com.example.Outer", OUTER));
        Compilation forward = compileAll();
        assertThat(resource(reversed, "META-INF/cashews/proxies")).isEqualTo(resource(forward, "META-INF/cashews/proxies"));
        assertThat(resource(reversed, "META-INF/services/io.cashews.ProxyFactory"))
                .isEqualTo(resource(forward, "META-INF/services/io.cashews.ProxyFactory"));
    }

    @Test
    void aCompilationWithoutProxiesWritesNoIndex() {
        Compilation compilation = Compilations.compile(Compilations.source("com.example.Plain", PLAIN));
        Compilations.assertCleanSuccess(compilation);
        assertThat(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/cashews/proxies")).isEmpty();
        assertThat(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/io.cashews.ProxyFactory")).isEmpty();
    }

    @Test
    void anInterfaceWithAnErrorHasNoEntry(@TempDir Path dir) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path users = write(dir, "src/com/example/Users.java", USERS);
        Path broken = write(dir, "src/com/example/Broken.java", """
                package com.example;

                import io.cashews.annotations.Cache;

                public interface Broken {
                    @Cache(ttl = "1h", key = "b:{nope}")
                    String name(long id);
                }
                """);
        assertThat(javac(classes, users, broken)).contains("[CashewsUnknownParameter]");
        assertThat(Files.readString(classes.resolve("META-INF/cashews/proxies"))).isEqualTo("com.example.Users=com.example.Users_Cached\n");
    }

    @Test
    void serviceLoaderFindsTheFactoriesAndTheyWrapWithoutReflection(@TempDir Path out) throws Exception {
        Compilation compilation = compileAll();
        Compilations.assertCleanSuccess(compilation);
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            int at = path.indexOf("CLASS_OUTPUT/");
            if (at < 0) {
                continue;
            }
            Path target = out.resolve(path.substring(at + "CLASS_OUTPUT/".length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = file.openInputStream(); OutputStream to = Files.newOutputStream(target)) {
                in.transferTo(to);
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
                Cashews cache = Cashews.create("mem://")) {
            List<ProxyFactory<?>> factories = ProxyFactory.installed(loader);
            assertThat(factories).extracting(f -> f.type().getName()).containsExactly("com.example.Outer$Factory",
                    "com.example.Outer$Repository", "com.example.Users", "com.example.shop.Orders");
            assertThat(factories).extracting(f -> f.proxyType().getName()).containsExactly("com.example.Outer_Factory_Cached",
                    "com.example.Outer_Repository_Cached", "com.example.Users_Cached", "com.example.shop.Orders_Cached");
            ProxyFactory<?> users = factories.get(2);
            Object proxy = wrap(users, java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {users.type()},
                    (self, method, args) -> "user-" + args[0]), cache);
            assertThat(users.proxyType().isInstance(proxy)).isTrue();
            // A call through the proxy stores its result under the template's key.
            Function<Object, Object> name = arg -> invoke(proxy, "name", long.class, arg);
            assertThat(name.apply(7L)).isEqualTo("user-7");
            assertThat(cache.<String>get("user:7")).isEqualTo("user-7");
        }
    }

    private static <T> T wrap(ProxyFactory<T> factory, Object delegate, Cashews cache) {
        return factory.wrap(factory.type().cast(delegate), cache);
    }

    private static Object invoke(Object target, String method, Class<?> parameter, Object arg) {
        try {
            return target.getClass().getMethod(method, parameter).invoke(target, arg);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIncrementalCompilationKeepsTheEntriesOfTheOutputItDoesNotRecompile(@TempDir Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path users = write(sources, "com/example/Users.java", USERS);
        Path orders = write(sources, "com/example/shop/Orders.java", ORDERS);
        assertThat(javac(classes, users, orders)).doesNotContain("error:");
        String both = Files.readString(classes.resolve("META-INF/cashews/proxies"));
        assertThat(both).isEqualTo("com.example.Users=com.example.Users_Cached\ncom.example.shop.Orders=com.example.shop.Orders_Cached\n");

        // Only Orders changed: Users' entry survives, as its classes do.
        javac(classes, orders);
        assertThat(Files.readString(classes.resolve("META-INF/cashews/proxies"))).isEqualTo(both);
        assertThat(Files.readString(classes.resolve("META-INF/services/io.cashews.ProxyFactory")))
                .isEqualTo("com.example.Users_Cached$Factory\ncom.example.shop.Orders_Cached$Factory\n");

        // Users was deleted (and its classes with it): its entry goes.
        Files.delete(users);
        try (var stale = Files.list(classes.resolve("com/example"))) {
            for (Path file : stale.filter(p -> p.getFileName().toString().startsWith("Users")).toList()) {
                Files.delete(file);
            }
        }
        javac(classes, orders);
        assertThat(Files.readString(classes.resolve("META-INF/cashews/proxies")))
                .isEqualTo("com.example.shop.Orders=com.example.shop.Orders_Cached\n");

        // Orders lost its annotations and is compiled with Users: a compiled type decides about
        // its entry, although its stale proxy classes remain in the output. (javac runs no
        // processor for a compilation without any Cashews annotation, so Orders alone would
        // leave the index as it was: the build tool's clean of stale outputs handles that.)
        write(sources, "com/example/shop/Orders.java", "package com.example.shop;\npublic interface Orders {}\n");
        users = write(sources, "com/example/Users.java", USERS);
        javac(classes, orders, users);
        assertThat(classes.resolve("com/example/shop/Orders_Cached.class")).exists();
        assertThat(Files.readString(classes.resolve("META-INF/cashews/proxies")))
                .isEqualTo("com.example.Users=com.example.Users_Cached\n");
    }

    private static Path write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Compiles into {@code classes}, as a build tool compiles the changed sources; returns the diagnostics. */
    private static String javac(Path classes, Path... sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path") + java.io.File.pathSeparator + classes));
            JavaCompiler.CompilationTask task = compiler.getTask(messages, files, null, options, null,
                    files.getJavaFileObjects(sources));
            task.setProcessors(List.of(new CashewsProcessor()));
            boolean success = task.call();
            String diagnostics = messages.toString();
            assertThat(success).as(diagnostics).isEqualTo(!diagnostics.contains("error:"));
            return diagnostics;
        }
    }
}
