package io.cashews.benchmarks;

import io.cashews.Cashews;
import io.cashews.Exist;
import io.cashews.spi.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite.SQLiteConfig;

/**
 * The {@code disk://} backend against raw sqlite-jdbc on the backend's own file (SPEC §13
 * Bars), one shard, 10,000 keys holding 100-character {@code String}s. The raw statements run on
 * a connection of their own with the backend's pragmas ({@code busy_timeout} 1 s,
 * {@code synchronous=NORMAL}, foreign keys on, 2000 KiB page cache, no mmap, no generated keys)
 * against the same {@code entry} table, so that both pay the same indexes and triggers:
 * <ul>
 *   <li>{@code rawHit} / {@code rawMiss}: the prepared {@code SELECT kind, value, expire_at}
 *       by key, against {@code backendHit} / {@code backendMiss} ({@code Backend.get}, the
 *       value decoded; bar ≤ 1.5×) and {@code proxyHit} (a generated {@code @Cache} proxy,
 *       bar ≤ 2× {@code rawHit});</li>
 *   <li>{@code rawSet}: a one-row upsert in {@code BEGIN IMMEDIATE … COMMIT}, against
 *       {@code backendSet} (bar ≤ 1.5×); {@code backendSetFull} is the same at
 *       {@code synchronous=full}, reported only;</li>
 *   <li>{@code rawIncr}: {@code BEGIN IMMEDIATE; SELECT; UPDATE; COMMIT}, against
 *       {@code backendIncr} (bar ≤ 1.5×);</li>
 *   <li>{@code backendHit} ({@code eviction=lru}, the default) against {@code backendHitNone}
 *       ({@code eviction=none}; bar: lru ≤ 1.2× none);</li>
 *   <li>{@code backendHitTwoThreads}: two threads hitting at once; throughput against one
 *       thread is {@code 2 × backendHit / backendHitTwoThreads} (bar ≥ 1.3×);</li>
 *   <li>{@code backendIncrBesideAnotherProcess}: {@code incr} while a second JVM
 *       ({@link DiskWorkerProcess}) increments other keys of the same shard as fast as it can; it
 *       prints its own rate when the trial ends, and the two processes' combined throughput
 *       against {@code backendIncr} alone is the bar (≥ 0.7×);</li>
 *   <li>{@code backendSetBesideOtherProcesses} (sampled): {@code set} on an eight-shard directory
 *       while seven other JVMs get, set and delete there; its p99 is the sanity figure against
 *       python-diskcache's eight-process {@code set} p99 (5.8 ms, other hardware).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DiskBenchmark -wi 2 -i 3 -f 1 -w 1 -r 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiskBenchmark {
    /** How long the cached strings are. */
    public static final int VALUE_LENGTH = 100;
    static final int KEYS = 10_000;
    private static final int COUNTERS = 100;
    static final String VALUE = "v".repeat(VALUE_LENGTH);
    private static final String UPSERT = "INSERT INTO entry(key, kind, value, expire_at, stored_at, access_at, bytes,"
            + " pinned) VALUES (?, 0, ?, NULL, ?, ?, ?, 0) ON CONFLICT(key) DO UPDATE SET kind = 0,"
            + " value = excluded.value, expire_at = NULL, stored_at = excluded.stored_at,"
            + " access_at = excluded.access_at, bytes = excluded.bytes, pinned = 0";

    private Path root;
    private Cashews lruCache;
    private Backend lru;
    private Cashews noneCache;
    private Backend none;
    private Cashews fullCache;
    private Backend full;
    private Pages proxy;
    private Connection raw;
    private PreparedStatement rawGet;
    private PreparedStatement rawBegin;
    private PreparedStatement rawCommit;
    private PreparedStatement rawUpsert;
    private PreparedStatement rawCounter;
    private PreparedStatement rawCounterUpdate;
    private byte[] rawValue;
    private final String[] keys = new String[KEYS];
    private final String[] absent = new String[KEYS];
    private final String[] counters = new String[COUNTERS];
    private final String[] rawCounters = new String[COUNTERS];

    /** Which key the next call of a thread uses. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = i + 1 == KEYS ? 0 : i + 1;
            return i;
        }
    }

    /** Child JVMs running a {@link DiskWorkerProcess} workload while a trial runs. */
    static final class Workers {
        private final List<Process> processes = new ArrayList<>();
        private final List<BufferedReader> outputs = new ArrayList<>();

        Workers(int count, String url, String workload) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (int i = 0; i < count; i++) {
                Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        DiskWorkerProcess.class.getName(), url, workload)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                processes.add(process);
                outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader output : outputs) {
                String ready = output.readLine();
                if (!"ready".equals(ready)) {
                    processes.forEach(Process::destroyForcibly);
                    throw new IllegalStateException("a worker process did not start: " + ready);
                }
            }
        }

        /** Ends every worker's input and prints the rate each one reports. */
        void stop(String name) throws IOException, InterruptedException {
            for (Process process : processes) {
                process.getOutputStream().close();
            }
            for (int i = 0; i < processes.size(); i++) {
                String ops = outputs.get(i).readLine();
                processes.get(i).waitFor(30, TimeUnit.SECONDS);
                if (ops != null && ops.startsWith("ops ")) {
                    String[] parts = ops.split(" ");
                    long count = Long.parseLong(parts[1]);
                    double micros = Long.parseLong(parts[2]) / 1000.0;
                    System.out.printf("%n%s %d: %,d commands in %.1f s, %.2f us/op%n", name, i + 1, count, micros / 1e6,
                            micros / count);
                } else {
                    System.out.printf("%n%s %d ended without its count: %s%n", name, i + 1, ops);
                }
            }
        }
    }

    /** The second process of {@code backendIncrBesideAnotherProcess}, running for the whole trial. */
    @State(Scope.Benchmark)
    public static class OtherProcess {
        private Workers workers;

        @Setup(Level.Trial)
        public void start(DiskBenchmark benchmark) throws IOException {
            workers = new Workers(1, benchmark.url("lru", ""), "incr");
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException, InterruptedException {
            workers.stop("second process");
        }
    }

    /**
     * For {@code backendSetBesideOtherProcesses}: an eight-shard directory of its own and
     * {@code others} JVMs (seven unless told) running the {@code mix} workload on it for the whole
     * trial.
     */
    @State(Scope.Benchmark)
    public static class OtherProcesses {
        /** How many other processes run the mix. */
        @Param("7")
        public int others;
        private Cashews cache;
        private Backend backend;
        private Workers workers;

        @Setup(Level.Trial)
        public void start(DiskBenchmark benchmark) throws IOException {
            String url = "disk://" + benchmark.root.resolve("fanout") + "?shards=8";
            cache = new Cashews();
            backend = cache.setup(url);
            workers = new Workers(others, url, "mix");
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException, InterruptedException {
            workers.stop("mix process");
            cache.close();
        }
    }

    String url(String name, String options) {
        return "disk://" + root.resolve(name) + "?shards=1" + options;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        root = Files.createTempDirectory("cashews-disk-bench-");
        lruCache = new Cashews();
        lru = lruCache.setup(url("lru", ""));
        noneCache = new Cashews();
        none = noneCache.setup(url("none", "&eviction=none"));
        fullCache = new Cashews();
        full = fullCache.setup(url("full", "&synchronous=full"));
        proxy = new Pages_Cached(id -> VALUE.substring(0, VALUE_LENGTH - 6) + String.format(Locale.ROOT, "%06d", id), lruCache);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key:" + i;
            absent[i] = "absent:" + i;
            values.put(keys[i], VALUE);
        }
        lru.setMany(values, null);
        none.setMany(values, null);
        full.setMany(values, null);
        for (int i = 0; i < KEYS; i++) {
            proxy.page(i);
        }
        for (int i = 0; i < COUNTERS; i++) {
            counters[i] = "count:" + i;
            rawCounters[i] = "raw-count:" + i;
            lru.incr(counters[i], 1, null);
            lru.incr(rawCounters[i], 1, null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(1000);
        config.setGetGeneratedKeys(false);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setCacheSize(-2000);
        raw = config.createConnection("jdbc:sqlite:" + root.resolve("lru").resolve("shard-000.db"));
        try (Statement s = raw.createStatement()) {
            s.execute("PRAGMA mmap_size = 0");
        }
        rawGet = raw.prepareStatement("SELECT kind, value, expire_at FROM entry WHERE key = ?");
        rawBegin = raw.prepareStatement("BEGIN IMMEDIATE");
        rawCommit = raw.prepareStatement("COMMIT");
        rawUpsert = raw.prepareStatement(UPSERT);
        rawCounter = raw.prepareStatement("SELECT id, value FROM entry WHERE key = ?");
        rawCounterUpdate = raw.prepareStatement("UPDATE entry SET value = ? WHERE id = ?");
        // What the backend stores for VALUE: its codec's bytes, read back raw.
        rawGet.setString(1, keys[0]);
        try (ResultSet rs = rawGet.executeQuery()) {
            rs.next();
            rawValue = rs.getBytes(2);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException, IOException {
        raw.close();
        lruCache.close();
        noneCache.close();
        fullCache.close();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    private byte[] rawRead(String key) throws SQLException {
        rawGet.setString(1, key);
        try (ResultSet rs = rawGet.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            rs.getInt(1);
            byte[] value = rs.getBytes(2);
            rs.getLong(3);
            return value;
        }
    }

    /** Raw prepared {@code SELECT} of a present key. */
    @Benchmark
    public byte[] rawHit(Cursor cursor) throws SQLException {
        return rawRead(keys[cursor.advance()]);
    }

    /** Raw prepared {@code SELECT} of an absent key. */
    @Benchmark
    public byte[] rawMiss(Cursor cursor) throws SQLException {
        return rawRead(absent[cursor.advance()]);
    }

    /** {@code Backend.get} of a present key, decoded, {@code eviction=lru}. */
    @Benchmark
    public Object backendHit(Cursor cursor) {
        return lru.get(keys[cursor.advance()]);
    }

    /** {@link #backendHit} on two threads at once. */
    @Benchmark
    @Threads(2)
    public Object backendHitTwoThreads(Cursor cursor) {
        return lru.get(keys[cursor.advance()]);
    }

    /** {@code Backend.get} of a present key, decoded, {@code eviction=none}. */
    @Benchmark
    public Object backendHitNone(Cursor cursor) {
        return none.get(keys[cursor.advance()]);
    }

    /** {@code Backend.get} of an absent key. */
    @Benchmark
    public Object backendMiss(Cursor cursor) {
        return lru.get(absent[cursor.advance()]);
    }

    /** A generated {@code @Cache} proxy's hit. */
    @Benchmark
    public String proxyHit(Cursor cursor) {
        return proxy.page(cursor.advance());
    }

    /** Raw one-row upsert in {@code BEGIN IMMEDIATE … COMMIT}. */
    @Benchmark
    public int rawSet(Cursor cursor) throws SQLException {
        String key = keys[cursor.advance()];
        long now = System.currentTimeMillis();
        rawBegin.execute();
        try {
            rawUpsert.setString(1, key);
            rawUpsert.setBytes(2, rawValue);
            rawUpsert.setLong(3, now);
            rawUpsert.setLong(4, now);
            rawUpsert.setLong(5, key.length() + rawValue.length + 64L);
            int changed = rawUpsert.executeUpdate();
            rawCommit.execute();
            return changed;
        } catch (SQLException e) {
            raw.createStatement().execute("ROLLBACK");
            throw e;
        }
    }

    /** {@code Backend.set}, {@code synchronous=normal}. */
    @Benchmark
    public boolean backendSet(Cursor cursor) {
        return lru.set(keys[cursor.advance()], VALUE, null, Exist.ANY);
    }

    /** {@code Backend.set}, {@code synchronous=full}: reported, not bounded. */
    @Benchmark
    public boolean backendSetFull(Cursor cursor) {
        return full.set(keys[cursor.advance()], VALUE, null, Exist.ANY);
    }

    /** Raw {@code BEGIN IMMEDIATE; SELECT; UPDATE; COMMIT} adding one to a decimal counter. */
    @Benchmark
    public long rawIncr(Cursor cursor) throws SQLException {
        String key = rawCounters[cursor.advance() % COUNTERS];
        rawBegin.execute();
        try {
            long id;
            long value;
            rawCounter.setString(1, key);
            try (ResultSet rs = rawCounter.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
                value = Long.parseLong(new String(rs.getBytes(2), StandardCharsets.US_ASCII)) + 1;
            }
            rawCounterUpdate.setBytes(1, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            rawCounterUpdate.setLong(2, id);
            rawCounterUpdate.executeUpdate();
            rawCommit.execute();
            return value;
        } catch (SQLException e) {
            raw.createStatement().execute("ROLLBACK");
            throw e;
        }
    }

    /** {@code Backend.incr} by one. */
    @Benchmark
    public long backendIncr(Cursor cursor) {
        return lru.incr(counters[cursor.advance() % COUNTERS], 1, null);
    }

    /**
     * {@code Backend.set} on eight shards while seven other processes (unless {@code -p others}
     * says otherwise) get, set and delete there
     * (sampled: the percentiles against python-diskcache's eight-process {@code set} p99).
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public boolean backendSetBesideOtherProcesses(Cursor cursor, OtherProcesses others) {
        return others.backend.set(keys[cursor.advance()], VALUE, null, Exist.ANY);
    }

    /** {@code Backend.incr} while a second process increments other keys of the same shard. */
    @Benchmark
    public long backendIncrBesideAnotherProcess(Cursor cursor, OtherProcess other) {
        return lru.incr(counters[cursor.advance() % COUNTERS], 1, null);
    }
}
