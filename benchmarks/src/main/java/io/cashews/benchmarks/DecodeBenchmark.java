package io.cashews.benchmarks;

import io.cashews.codec.ValueCodec;
import io.cashews.codec.ValueTypes;
import io.cashews.spi.Options;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a remote backend's codec spends on one read of a {@link Product} stored with
 * {@code serializer=java} (the default), one thread, no network: with the decode memo finding
 * the bytes again ({@code memoHit}, 1,000 values read in turn), with the memo off
 * ({@code noMemo}, a JDK deserialization per read), and with a memo that never finds them
 * ({@code memoMiss}, 20,000 values in turn through a memo that holds a few dozen: the price of
 * the memo when values do not repeat, a decoding plus a lookup and an insertion, against
 * {@code noMemoUnique} on the same 20,000 values).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecodeBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {
    private static final int REPEATED = 1_000;
    private static final int UNIQUE = 20_000;

    private ValueCodec memo;
    private ValueCodec noMemo;
    private ValueCodec smallMemo;
    private String[] keys;
    private byte[][] stored;
    private int next;

    @Setup
    public void setUp() {
        // What the generated proxy of a method returning Product registers.
        ValueTypes.allow(Product.class);
        memo = ValueCodec.of(Options.of(Map.of()));
        noMemo = ValueCodec.of(Options.of(Map.of("decode_memo_size", 0)));
        smallMemo = ValueCodec.of(Options.of(Map.of("decode_memo_size", 8 * 1024)));
        keys = new String[UNIQUE];
        stored = new byte[UNIQUE][];
        for (int i = 0; i < UNIQUE; i++) {
            keys[i] = "product:sku-" + i;
            stored[i] = memo.encode(keys[i], new Product("sku-" + i, "Product sku-" + i, i * 100L));
        }
    }

    private int advance(int bound) {
        int i = next;
        next = i + 1 >= bound ? 0 : i + 1;
        return i;
    }

    /** A read whose bytes the memo holds: a hash, a lookup and a compare of the bytes. */
    @Benchmark
    public Object memoHit() {
        int i = advance(REPEATED);
        return memo.decode(keys[i], stored[i]);
    }

    /** A read with {@code decode_memo_size=0}: one JDK deserialization. */
    @Benchmark
    public Object noMemo() {
        int i = advance(REPEATED);
        return noMemo.decode(keys[i], stored[i]);
    }

    /** {@link #noMemo} over the 20,000 values of {@link #memoMiss}: the same bytes in cache as there. */
    @Benchmark
    public Object noMemoUnique() {
        int i = advance(UNIQUE);
        return noMemo.decode(keys[i], stored[i]);
    }

    /** A read the memo never holds: the deserialization, the lookup, a copy and an insertion. */
    @Benchmark
    public Object memoMiss() {
        int i = advance(UNIQUE);
        return smallMemo.decode(keys[i], stored[i]);
    }
}
