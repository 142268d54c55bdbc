package io.cashews.benchmarks;

import io.cashews.Cashews;
import io.cashews.codec.ValueTypes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.core.ExecutableProvider;

/**
 * Cache hits on Redis through generated proxies, against a plain Lettuce {@code GET} round trip
 * on the same server: a sync hit on {@code redis://}, a sync hit on {@code client_side=true}
 * (served from the local copy), and the throughput of {@value #BATCH} concurrent asynchronous
 * hits on the one shared connection. SPEC §12 bars: the client-side hit at least 100× faster than
 * a Redis GET; the async throughput at least half of {@code redis-benchmark -P 16}.
 *
 * <p>Uses {@code REDIS_URL} when set, otherwise starts the {@code redis-server} binary shipped in
 * embedded-redis on a free port. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar RedisBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedisBenchmark {
    static final int BATCH = 256;
    private static final int KEYS = 1_000;

    private Process server;
    private Cashews plain;
    private Cashews clientSide;
    private ProductService plainProxy;
    private ProductService clientSideProxy;
    private RedisClient lettuce;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;
    private RedisAsyncCommands<String, String> async;
    private String[] skus;

    /** Which of the warm keys the next call asks for; per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = i + 1 == KEYS ? 0 : i + 1;
            return i;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        String url = System.getenv("REDIS_URL");
        if (url == null || url.isBlank()) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            File binary = ExecutableProvider.newJarResourceProvider().get();
            server = new ProcessBuilder(binary.getAbsolutePath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            url = "redis://127.0.0.1:" + port;
            waitForServer(url);
        }
        // What generated proxies will register themselves (see docs/generated-code.md).
        ValueTypes.allow(Product.class);
        ProductSource source = new ProductSource();
        plain = Cashews.create(url);
        clientSide = Cashews.create(url + "?client_side=true&client_side_size=" + (2 * KEYS));
        plainProxy = new ProductService_Cached(source, plain);
        clientSideProxy = new ProductService_Cached(source, clientSide);
        lettuce = RedisClient.create(url);
        connection = lettuce.connect();
        commands = connection.sync();
        async = connection.async();
        skus = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            skus[i] = "sku-" + i;
            plainProxy.product(skus[i]);
            plainProxy.productAsync(skus[i]).join();
            clientSideProxy.product(skus[i]);
            commands.set("raw:" + skus[i], "value-" + i);
        }
    }

    private void waitForServer(String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Cashews probe = Cashews.create(url + "?suppress=false")) {
                probe.ping();
                return;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        connection.close();
        lettuce.shutdown();
        plain.close();
        clientSide.close();
        if (server != null) {
            server.destroyForcibly();
        }
    }

    /** The floor of a remote hit: one Lettuce {@code GET} round trip, no codec, no proxy. */
    @Benchmark
    public String lettuceGet(Cursor cursor) {
        return commands.get("raw:" + skus[cursor.advance()]);
    }

    /** A sync hit through the proxy on {@code redis://}: key, round trip, decode. */
    @Benchmark
    public Product redisHit(Cursor cursor) {
        return plainProxy.product(skus[cursor.advance()]);
    }

    /** A sync hit through the proxy on {@code client_side=true}: served from the local copy. */
    @Benchmark
    public Product clientSideHit(Cursor cursor) {
        return clientSideProxy.product(skus[cursor.advance()]);
    }

    /** {@value #BATCH} asynchronous hits in flight at once on the one shared connection. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public Object asyncThroughput(Cursor cursor) {
        CompletableFuture<?>[] calls = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            calls[i] = plainProxy.productAsync(skus[cursor.advance()]);
        }
        return CompletableFuture.allOf(calls).join();
    }

    /**
     * The floor of the async throughput: {@value #BATCH} plain Lettuce {@code GET}s in flight on
     * one connection, no codec, no proxy (stands in for {@code redis-benchmark -P 16} where that
     * tool is not installed).
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public Object lettuceAsyncThroughput(Cursor cursor) {
        CompletableFuture<?>[] calls = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            calls[i] = async.get("raw:" + skus[cursor.advance()]).toCompletableFuture();
        }
        return CompletableFuture.allOf(calls).join();
    }

    /** The origin of the products; slow enough that a miss would show. */
    static final class ProductSource implements ProductService {
        @Override
        public Product product(String sku) {
            return new Product(sku, "Product " + sku, sku.length() * 100L);
        }

        @Override
        public CompletableFuture<Product> productAsync(String sku) {
            return CompletableFuture.completedFuture(product(sku));
        }
    }
}
