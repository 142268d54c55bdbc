package io.cashews.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the annotation processor costs at build time. SPEC §12 bar: compiling 100 annotated
 * interfaces adds at most 2× to plain javac time, i.e. {@link #withProcessor} at most twice
 * {@link #plainJavac}.
 *
 * <p>{@link #generate} writes, once per trial, 100 interfaces in the style of a real service
 * layer, each with a record type it uses and four methods: a {@code @Cache} whose key template
 * uses parameters and a formatter, a {@code @Cache} whose key reads record properties, a
 * {@code CompletableFuture} method, and a stacked {@code @Failover} + {@code @Cache} (200 source
 * files in all). Each benchmark call compiles all of them in-process with the JDK's
 * {@link ToolProvider#getSystemJavaCompiler() system compiler}, on the benchmark jar's own
 * classpath (which carries cashews-annotations, cashews-runtime, cashews-processor and JavaPoet),
 * into a fresh temporary directory, with a fresh file manager per call as a javac run would have:
 *
 * <ul>
 *   <li>{@link #plainJavac}: {@code -proc:none}. The annotations are on the classpath, so the
 *       sources compile, but no {@code *_Cached} proxies are written: the floor.
 *   <li>{@link #withProcessor}: {@code -processor io.cashews.processor.CashewsProcessor}, which
 *       validates every method and writes and compiles 100 {@code *_Cached} proxies.
 * </ul>
 *
 * <p>Each call checks that compilation succeeded and that exactly the expected proxies (none, or
 * 100) were written, so a broken setup fails instead of measuring nothing. javac warms up slowly,
 * hence five 2-second warmup iterations before five measured ones.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProcessorBenchmark} (after
 * {@code mvn -B -DskipTests -pl benchmarks -am package}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ProcessorBenchmark {
    static final int INTERFACES = 100;
    private static final String PACKAGE = "bench.gen";

    private JavaCompiler compiler;
    private String classpath;
    private List<JavaFileObject> sources;
    private Path out;

    /** Generates the sources once; finds the compiler and the classpath. */
    @Setup(Level.Trial)
    public void generate() {
        compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
        }
        classpath = System.getProperty("java.class.path");
        sources = new ArrayList<>(2 * INTERFACES);
        for (int i = 0; i < INTERFACES; i++) {
            sources.add(source("Order" + i, orderRecord(i)));
            sources.add(source("OrderService" + i, service(i)));
        }
    }

    /** A fresh output directory per call, so no run sees another's class files. */
    @Setup(Level.Invocation)
    public void freshOutput() throws IOException {
        out = Files.createTempDirectory("cashews-processor-bench");
    }

    /** Deletes the call's output directory. */
    @TearDown(Level.Invocation)
    public void deleteOutput() throws IOException {
        try (Stream<Path> paths = Files.walk(out)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Plain javac: the same sources, no annotation processing.
     *
     * @return how many proxies were written (0), so the work is not dead code
     * @throws IOException if the output directory cannot be read
     */
    @Benchmark
    public int plainJavac() throws IOException {
        return compile(List.of("-proc:none"), 0);
    }

    /**
     * javac with the Cashews processor, which writes and compiles one proxy per interface.
     *
     * @return how many proxies were written ({@value #INTERFACES})
     * @throws IOException if the output directory cannot be read
     */
    @Benchmark
    public int withProcessor() throws IOException {
        return compile(List.of("-processor", "io.cashews.processor.CashewsProcessor"), INTERFACES);
    }

    private int compile(List<String> processing, int expectedProxies) throws IOException {
        Path classes = Files.createDirectory(out.resolve("classes"));
        Path generated = Files.createDirectory(out.resolve("generated"));
        List<String> options = new ArrayList<>(processing);
        options.addAll(List.of(
                "-classpath", classpath,
                "-processorpath", classpath,
                "-d", classes.toString(),
                "-s", generated.toString(),
                "--release", "17",
                "-nowarn",
                "-Xlint:none"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            ok = compiler.getTask(null, files, diagnostics, options, null, sources).call();
        }
        if (!ok) {
            throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
        }
        int proxies;
        try (Stream<Path> written = Files.walk(classes)) {
            proxies = (int) written.filter(p -> p.getFileName().toString().endsWith("_Cached.class"))
                    .count();
        }
        if (proxies != expectedProxies) {
            throw new IllegalStateException("expected " + expectedProxies + " proxies, got " + proxies);
        }
        return proxies;
    }

    /**
     * Writes the benchmark's sources as files, for {@code benchmarks/cold-javac.sh}, so that the
     * cold measurement (a fresh {@code javac} process) compiles exactly what this one does.
     *
     * @param args the directory to write into; the files go to its {@code bench/gen} subdirectory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ProcessorBenchmark <source directory>");
        }
        Path dir = Files.createDirectories(Path.of(args[0]).resolve(PACKAGE.replace('.', '/')));
        for (int i = 0; i < INTERFACES; i++) {
            Files.writeString(dir.resolve("Order" + i + ".java"), orderRecord(i));
            Files.writeString(dir.resolve("OrderService" + i + ".java"), service(i));
        }
    }

    private static String orderRecord(int i) {
        return """
                package %1$s;

                import java.time.Instant;
                import java.util.List;

                /** An order, as service %2$d returns it. */
                public record Order%2$d(String id, String region, Customer%2$d customer, List<String> skus,
                        long totalCents, Instant placedAt) {

                    /** Who placed it. */
                    public record Customer%2$d(String id, String tier) {}
                }
                """.formatted(PACKAGE, i);
    }

    private static String service(int i) {
        return """
                package %1$s;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Failover;
                import java.io.IOException;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;

                /** Service %2$d: the orders of one bounded context. */
                public interface OrderService%2$d {

                    /** One order, keyed by parameters, one lower-cased. */
                    @Cache(ttl = "10m", key = "orders%2$d:order:{region:lower}:{id}", tags = {"orders%2$d:region:{region}"})
                    Order%2$d order(String region, String id);

                    /** The order again, keyed by record properties. */
                    @Cache(ttl = "5m", key = "orders%2$d:latest:{ref.customer.id}:{ref.id}:{ref.totalCents}")
                    Order%2$d latest(Order%2$d ref);

                    /** One order, asynchronously. */
                    @Cache(ttl = "1m", key = "orders%2$d:async:{id}", lock = true)
                    CompletableFuture<Order%2$d> orderAsync(String id);

                    /** A page of a customer's orders, served stale for a day when the source fails. */
                    @Failover(ttl = "1d", exceptions = IOException.class)
                    @Cache(ttl = "10m", key = "orders%2$d:page:{customer.id}:{customer.tier}:{page}")
                    List<Order%2$d> page(Order%2$d.Customer%2$d customer, int page) throws IOException;
                }
                """.formatted(PACKAGE, i);
    }

    private static JavaFileObject source(String simpleName, String code) {
        URI uri = URI.create("string:///" + PACKAGE.replace('.', '/') + "/" + simpleName + ".java");
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }
}
