package io.cashews.benchmarks;

import io.cashews.Cashews;
import io.cashews.codec.ValueTypes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.codec.SerializationCodec;
import org.redisson.config.Config;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import redis.embedded.core.ExecutableProvider;

/**
 * Cache hits on Redis through generated proxies, against a plain Lettuce {@code GET} round trip
 * on the same server: a sync hit on {@code redis://}, a sync hit on {@code client_side=true}
 * (served from the local copy), and the throughput of asynchronous hits on the one shared
 * connection with {@value #WINDOW} kept in flight, beside plain Lettuce {@code GET}s on one
 * connection with the same window; the same async hits over 1, 2 and 4 connections
 * ({@code connections=N}); and the peers on the same server with the same values: Spring Data
 * Redis' {@code RedisCacheManager} behind {@code @Cacheable}, Redisson's {@code RBucket.get} and
 * {@code RLocalCachedMap} local hit (both with JDK serialization, as {@code serializer=java}).
 * {@code asyncThroughputNoMemo} and {@code redisHitNoMemo} are the same hits with
 * {@code decode_memo_size=0}, decoding every reply: before and after the decode memo in one run.
 * SPEC §12 bars: the client-side hit at least 100× faster than a Redis GET, and at most
 * Redisson's local hit; the async throughput at least 70 % of {@code lettuceCoalescedThroughput};
 * the sync hit at most Spring's latency, with less JVM CPU per hit ({@code -prof perfnorm}).
 *
 * <p>Uses {@code REDIS_URL} when set, otherwise starts the {@code redis-server} binary shipped in
 * embedded-redis on a free port. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar RedisBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedisBenchmark {
    /** The most asynchronous calls in flight at once on the connection. */
    static final int WINDOW = 256;
    /** How many calls one invocation starts, once that many slots of the window are free. */
    static final int CHUNK = 64;
    private static final int KEYS = 1_000;

    private Process server;
    private Cashews plain;
    private Cashews clientSide;
    private ProductService plainProxy;
    private ProductService clientSideProxy;
    private Cashews inline;
    private ProductService inlineProxy;
    private RedisClient lettuce;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;
    private RedisAsyncCommands<String, String> async;
    private ClientResources coalescingResources;
    private RedisClient lettuceCoalescing;
    private StatefulRedisConnection<String, String> coalescingConnection;
    private RedisAsyncCommands<String, String> coalescingAsync;
    private String[] skus;
    /** The server's URL, for the states that open connections of their own. */
    String url;
    private AnnotationConfigApplicationContext spring;
    private SpringRedisConfig.SpringRedisCatalog springCatalog;
    private RedissonClient redisson;
    private RBucket<Product>[] buckets;
    private RLocalCachedMap<String, Product> redissonLocal;

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
        // Room for every key the benchmarks read locally (product, list and rows), so that none is
        // evicted and read remotely again: a mix would measure round trips, not local hits.
        clientSide = Cashews.create(url + "?client_side=true&client_side_size=" + (4 * KEYS));
        plainProxy = new ProductService_Cached(source, plain);
        // Continuations run on the thread that completed the read (Lettuce's event loop) instead
        // of hopping to the instance executor: what a hit costs without the hand-off.
        inline = Cashews.builder().executor(Runnable::run).build();
        inline.setup(url);
        inlineProxy = new ProductService_Cached(source, inline);
        clientSideProxy = new ProductService_Cached(source, clientSide);
        lettuce = RedisClient.create(url);
        connection = lettuce.connect();
        commands = connection.sync();
        async = connection.async();
        // The same flush coalescing as the backend's connections (io.cashews.redis.FlushCoalescing).
        coalescingResources = DefaultClientResources.builder().nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                channel.pipeline().addFirst(new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
            }
        }).build();
        lettuceCoalescing = RedisClient.create(coalescingResources, url);
        coalescingConnection = lettuceCoalescing.connect();
        coalescingAsync = coalescingConnection.async();
        skus = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            skus[i] = "sku-" + i;
            plainProxy.product(skus[i]);
            plainProxy.productAsync(skus[i]).join();
            clientSideProxy.product(skus[i]);
            commands.set("raw:" + skus[i], "value-" + i);
            // Changeable values: a list (copied per local hit) and a map in a list (copied too).
            clientSide.set("list:" + skus[i], new ArrayList<>(List.of("a-" + i, "b-" + i, "c-" + i, "d-" + i)));
            clientSide.set("rows:" + skus[i], new ArrayList<>(List.of(new HashMap<>(Map.of("id", i, "sku", skus[i])))));
        }
        for (int i = 0; i < KEYS; i++) {
            // A first read after a set may still race its own invalidation: read until local.
            clientSide.get("list:" + skus[i]);
            clientSide.get("rows:" + skus[i]);
        }
        this.url = url;
        setUpPeers(url, source);
    }

    @SuppressWarnings("unchecked")
    private void setUpPeers(String url, ProductSource source) {
        URI server = URI.create(url);
        System.setProperty(SpringRedisConfig.HOST_PROPERTY, server.getHost());
        System.setProperty(SpringRedisConfig.PORT_PROPERTY, Integer.toString(server.getPort() < 0 ? 6379 : server.getPort()));
        spring = new AnnotationConfigApplicationContext(SpringRedisConfig.class);
        springCatalog = spring.getBean(SpringRedisConfig.SpringRedisCatalog.class);
        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + server.getHost() + ":" + (server.getPort() < 0 ? 6379 : server.getPort()));
        // JDK serialization, as serializer=java and Spring's default.
        config.setCodec(new SerializationCodec());
        redisson = Redisson.create(config);
        buckets = new RBucket[KEYS];
        redissonLocal = redisson.getLocalCachedMap(LocalCachedMapOptions.<String, Product>name("redisson-local")
                .cacheSize(4 * KEYS));
        for (int i = 0; i < KEYS; i++) {
            springCatalog.product(skus[i]);
            buckets[i] = redisson.getBucket("redisson:" + skus[i]);
            buckets[i].set(source.product(skus[i]));
            redissonLocal.put(skus[i], source.product(skus[i]));
        }
        for (int i = 0; i < KEYS; i++) {
            redissonLocal.get(skus[i]);
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
        spring.close();
        redisson.shutdown();
        connection.close();
        lettuce.shutdown();
        coalescingConnection.close();
        lettuceCoalescing.shutdown();
        coalescingResources.shutdown();
        plain.close();
        clientSide.close();
        inline.close();
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

    /** Spring Data Redis' peer of {@link #redisHit}: {@code @Cacheable} on {@code RedisCacheManager}. */
    @Benchmark
    public Product springRedisHit(Cursor cursor) {
        return springCatalog.product(skus[cursor.advance()]);
    }

    /** Redisson's peer of {@link #redisHit}: {@code RBucket.get}, a GET and a decode. */
    @Benchmark
    public Product redissonBucketGet(Cursor cursor) {
        return buckets[cursor.advance()].get();
    }

    /** Redisson's peer of {@link #clientSideHit}: an {@code RLocalCachedMap} hit served locally. */
    @Benchmark
    public Product redissonLocalHit(Cursor cursor) {
        return redissonLocal.get(skus[cursor.advance()]);
    }

    /**
     * A local hit on {@code client_side=true} of a changeable value, an {@code ArrayList} of four
     * strings: each reader gets its own copy (issue 20, D9), made by walking the local one.
     */
    @Benchmark
    public Object clientSideListHit(Cursor cursor) {
        return clientSide.get("list:" + skus[cursor.advance()]);
    }

    /** As {@link #clientSideListHit}, a list holding a {@code HashMap} of two entries. */
    @Benchmark
    public Object clientSideRowsHit(Cursor cursor) {
        return clientSide.get("rows:" + skus[cursor.advance()]);
    }

    /**
     * Keeps up to {@value #WINDOW} calls in flight: an invocation waits until at most
     * {@code WINDOW - CHUNK} are outstanding, then starts {@value #CHUNK} more, and each
     * completion frees its slot. Unlike a batch joined as a whole, the connection never drains
     * between invocations, which is how {@code redis-benchmark -P} keeps its connections busy.
     * A call that fails or misses fails the iteration.
     */
    @State(Scope.Thread)
    public static class Window implements BiConsumer<Object, Throwable> {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong failures = new AtomicLong();
        private volatile @Nullable Thread caller;

        @Override
        public void accept(Object value, Throwable failure) {
            if (failure != null || value == null) {
                failures.incrementAndGet();
            }
            if (inFlight.decrementAndGet() == WINDOW - CHUNK) {
                Thread waiting = caller;
                if (waiting != null) {
                    LockSupport.unpark(waiting);
                }
            }
        }

        /** Waits for room for {@value #CHUNK} more calls and takes it. */
        void claim() {
            if (caller == null) {
                caller = Thread.currentThread();
            }
            while (inFlight.get() > WINDOW - CHUNK) {
                // Woken by the completion that frees the room; the timeout only guards the wake-up.
                LockSupport.parkNanos(1_000_000);
            }
            inFlight.addAndGet(CHUNK);
        }

        /** Lets the calls of an iteration finish, so that none counts in the next one. */
        @TearDown(Level.Iteration)
        public void drain() {
            while (inFlight.get() > 0) {
                LockSupport.parkNanos(100_000);
            }
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " calls failed or missed");
            }
        }
    }

    /**
     * Asynchronous hits through the proxy on {@code redis://}, {@value #WINDOW} kept in flight on
     * the one shared connection: the figure for the SPEC §12 throughput bar.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHUNK)
    public void asyncThroughput(Cursor cursor, Window window) {
        window.claim();
        for (int i = 0; i < CHUNK; i++) {
            plainProxy.productAsync(skus[cursor.advance()]).whenComplete(window);
        }
    }

    /**
     * {@link #asyncThroughput} on an instance whose executor runs tasks where they are handed
     * over ({@code Cashews.builder().executor(Runnable::run)}): a hit completes on Lettuce's
     * event loop instead of hopping to a worker thread.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHUNK)
    public void asyncThroughputInline(Cursor cursor, Window window) {
        window.claim();
        for (int i = 0; i < CHUNK; i++) {
            inlineProxy.productAsync(skus[cursor.advance()]).whenComplete(window);
        }
    }

    /**
     * The floor of {@link #asyncThroughput}: plain Lettuce {@code GET}s with the same window on
     * one connection with Lettuce's defaults (one flush per command), no codec, no proxy.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHUNK)
    public void lettuceAsyncThroughput(Cursor cursor, Window window) {
        window.claim();
        for (int i = 0; i < CHUNK; i++) {
            async.get("raw:" + skus[cursor.advance()]).whenComplete(window);
        }
    }

    /**
     * {@link #lettuceAsyncThroughput} with flushes coalesced as on the backend's connections:
     * what one Lettuce connection can carry on this machine.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHUNK)
    public void lettuceCoalescedThroughput(Cursor cursor, Window window) {
        window.claim();
        for (int i = 0; i < CHUNK; i++) {
            coalescingAsync.get("raw:" + skus[cursor.advance()]).whenComplete(window);
        }
    }

    /** An instance of its own on a URL, with a proxy whose keys are warm. */
    static final class Proxied implements AutoCloseable {
        final Cashews cache;
        final ProductService proxy;

        Proxied(String url, String[] skus) {
            cache = Cashews.create(url);
            proxy = new ProductService_Cached(new ProductSource(), cache);
            for (String sku : skus) {
                proxy.productAsync(sku).join();
            }
        }

        /** Starts {@value #CHUNK} hits, once the window has room for them. */
        void start(String[] skus, Cursor cursor, Window window) {
            window.claim();
            for (int i = 0; i < CHUNK; i++) {
                proxy.productAsync(skus[cursor.advance()]).whenComplete(window);
            }
        }

        @Override
        public void close() {
            cache.close();
        }
    }

    /** A state holding an instance of its own, closed at the end of the trial. */
    public abstract static class Own {
        Proxied proxied;

        @TearDown(Level.Trial)
        public void tearDown() {
            proxied.close();
        }
    }

    /** An instance with {@code serializer=json}, on database 1 so that its keys are its own. */
    @State(Scope.Benchmark)
    public static class Json extends Own {
        @Setup(Level.Trial)
        public void setUp(RedisBenchmark benchmark) {
            URI server = URI.create(benchmark.url);
            proxied = new Proxied(server.getScheme() + "://" + server.getRawAuthority() + "/1?serializer=json", benchmark.skus);
        }
    }

    /**
     * {@link #asyncThroughput} with {@code serializer=json} (Jackson) instead of JDK
     * serialization: what the value codec costs per hit.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHUNK)
    public void asyncThroughputJson(Json json, Cursor cursor, Window window) {
        json.proxied.start(skus, cursor, window);
    }

    /**
     * An instance with {@code decode_memo_size=0}: every hit decodes its bytes, as before the
     * decode memo; the same keys and values as the default instance.
     */
    @State(Scope.Benchmark)
    public static class NoMemo extends Own {
        @Setup(Level.Trial)
        public void setUp(RedisBenchmark benchmark) {
            proxied = new Proxied(benchmark.url + "?decode_memo_size=0", benchmark.skus);
        }
    }

    /**
     * {@link #asyncThroughput} with the decode memo off: what JDK deserialization of every hit
     * costs (the figure before the memo, in the same run).
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHUNK)
    public void asyncThroughputNoMemo(NoMemo noMemo, Cursor cursor, Window window) {
        noMemo.proxied.start(skus, cursor, window);
    }

    /** {@link #redisHit} with the decode memo off: a round trip and a JDK decoding per hit. */
    @Benchmark
    public Product redisHitNoMemo(NoMemo noMemo, Cursor cursor) {
        return noMemo.proxied.proxy.product(skus[cursor.advance()]);
    }

    /** An instance whose backend spreads keys over {@link #connections} connections. */
    @State(Scope.Benchmark)
    public static class Spread extends Own {
        /** {@code connections=N} of the URL. */
        @Param({"1", "2", "4"})
        public int connections;

        @Setup(Level.Trial)
        public void setUp(RedisBenchmark benchmark) {
            proxied = new Proxied(benchmark.url + "?connections=" + connections, benchmark.skus);
        }
    }

    /**
     * {@link #asyncThroughput} with the keys spread over {@code connections=N} connections: the
     * throughput curve for 1, 2 and 4.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHUNK)
    public void asyncThroughputConnections(Spread spread, Cursor cursor, Window window) {
        spread.proxied.start(skus, cursor, window);
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
