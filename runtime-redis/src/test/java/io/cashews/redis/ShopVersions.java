package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.cashews.Cashews;
import io.cashews.processor.CashewsProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * Releases of one service, {@code shop.Orders}, compiled with the processor and loaded each in a
 * fresh class loader, as two deployments of a service would run them (SPEC §18). The service has
 * one method per value strategy, all returning (a stream of) {@code Order}; the real implementation
 * counts its calls. A release is the base source with some text replaced. Shared with runtime-disk's
 * tests through this module's test-jar.
 */
public final class ShopVersions {

    public static final String BASE = """
            package shop;

            import com.fasterxml.jackson.annotation.JsonSubTypes;
            import com.fasterxml.jackson.annotation.JsonTypeInfo;
            import io.cashews.annotations.Cache;
            import io.cashews.annotations.Early;
            import io.cashews.annotations.Failover;
            import io.cashews.annotations.Hit;
            import io.cashews.annotations.Soft;
            import java.util.List;
            import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
            import java.util.stream.Stream;

            public interface Orders {
                enum Status { NEW, PAID }
                record Customer(String name, String email) {}
                @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
                @JsonSubTypes({@JsonSubTypes.Type(value = Card.class, name = "card"), @JsonSubTypes.Type(value = Cash.class, name = "cash")})
                sealed interface Payment permits Card, Cash {}
                record Card(String number) implements Payment {}
                record Cash(long cents) implements Payment {}
                record Order(String id, long cents, Status status, Customer customer, Payment payment) {}

                /** The order. */
                @Cache(ttl = "1h", key = "order:{id}")
                Order order(String id);

                @Early(ttl = "1h", key = "order:{id}")
                Order early(String id);

                @Soft(ttl = "1h", softTtl = "30m", key = "order:{id}")
                Order soft(String id);

                @Hit(ttl = "1h", cacheHits = 100, key = "order:{id}")
                Order hit(String id);

                @Failover(ttl = "1h", key = "order:{id}", exceptions = IllegalStateException.class)
                Order failover(String id);

                @Cache(ttl = "1h", key = "orders:{id}")
                Stream<Order> stream(String id);

                final class Real implements Orders {
                    public static final AtomicInteger CALLS = new AtomicInteger();
                    public static volatile boolean down;

                    static Order make(String id) {
                        CALLS.incrementAndGet();
                        return new Order(id, 1250, Status.PAID, new Customer("Ann", "ann@example.com"), new Card("4111"));
                    }

                    @Override public Order order(String id) { return make(id); }
                    @Override public Order early(String id) { return make(id); }
                    @Override public Order soft(String id) { return make(id); }
                    @Override public Order hit(String id) { return make(id); }
                    @Override public Order failover(String id) {
                        if (down) {
                            throw new IllegalStateException("down");
                        }
                        return make(id);
                    }
                    @Override public Stream<Order> stream(String id) { return Stream.of(make(id), make(id + "b")); }
                }
            }
            """;

    /**
     * The methods that serve stored values on a plain call, each under its own prefix (a failover
     * calls its delegate every time and serves a stored value only when the call fails).
     */
    public static final List<String> METHODS = List.of("order", "early", "soft", "hit", "stream");

    // Class files by source: each release compiles once per test run, and loads fresh per use.
    private static final Map<String, Map<String, byte[]>> COMPILED = new ConcurrentHashMap<>();

    private ShopVersions() {
    }

    private static Map<String, byte[]> compile(String source) {
        Compilation compilation = Compiler.javac().withProcessors(new CashewsProcessor())
                .withOptions("-parameters").compile(JavaFileObjects.forSourceString("shop.Orders", source));
        assertThat(compilation.status()).as(compilation.diagnostics().toString()).isEqualTo(Compilation.Status.SUCCESS);
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                String relative = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
                try (InputStream in = file.openInputStream()) {
                    classes.put(relative.substring(0, relative.length() - 6).replace('/', '.'), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Map.copyOf(classes);
    }

    /** The base release with {@code from} replaced by {@code to} (which must occur). */
    public static String release(String from, String to) {
        assertThat(BASE).contains(from);
        return BASE.replace(from, to);
    }

    /** One compiled release in its own class loader. */
    public static final class Release extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();
        private final Object proxy;
        private final AtomicInteger calls;

        public Release(String source, Cashews cache) {
            super(Release.class.getClassLoader());
            classes.putAll(COMPILED.computeIfAbsent(source, ShopVersions::compile));
            try {
                Class<?> real = loadClass("shop.Orders$Real");
                Class<?> service = loadClass("shop.Orders");
                proxy = loadClass("shop.Orders_Cached").getConstructor(service, Cashews.class)
                        .newInstance(real.getConstructor().newInstance(), cache);
                calls = (AtomicInteger) real.getField("CALLS").get(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        /** Calls a method of the proxy; a stream is consumed to its end, as a caller would. */
        public Object call(String method, String id) {
            try {
                Method m = proxy.getClass().getMethod(method, String.class);
                Object result = m.invoke(proxy, id);
                return result instanceof Stream<?> stream ? stream.toList() : result;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new AssertionError(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        /** How often the real implementation was called. */
        public int calls() {
            return calls.get();
        }

        /** Makes {@code failover}'s real implementation throw, so that the proxy must serve a stored value. */
        public void down(boolean down) {
            try {
                loadClass("shop.Orders$Real").getField("down").set(null, down);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        /** A class of this release. */
        public Class<?> type(String name) {
            try {
                return loadClass(name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
    }
}
