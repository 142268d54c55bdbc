package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.codec.Fingerprinted;
import io.cashews.codec.ValueType;
import io.cashews.internal.CacheMethod;
import io.cashews.spi.Backend;
import io.cashews.spi.NullValue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the facade reads fingerprinted values: checked on encoding backends, stripped by the memory backend. */
class FingerprintedReadTest {

    private static final Object DEFAULT = new Object();
    private static final ValueType<String> TEXT = ValueType.of(String.class).fingerprint(0xabcL);
    private static final ValueType<Integer> NUMBER = ValueType.of(int.class).fingerprint(0xabcL);

    private final Cashews cache = Cashews.builder().build();
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void fromAnEncodingBackendTheEnvelopeMustBeThereAndFit() {
        assertThat(CommandCore.read(new Fingerprinted(0xabcL, "a"), TEXT, DEFAULT, true)).isEqualTo("a");
        assertThat(CommandCore.read(new Fingerprinted(0xabcL, null), TEXT, DEFAULT, true)).isNull();
        assertThat(CommandCore.read(new Fingerprinted(0xabcL, null), NUMBER, DEFAULT, true)).isSameAs(DEFAULT);
        assertThat(CommandCore.read(new Fingerprinted(0xdefL, "a"), TEXT, DEFAULT, true)).isSameAs(DEFAULT);
        assertThat(CommandCore.read("a", TEXT, DEFAULT, true)).as("written before fingerprints").isSameAs(DEFAULT);
        assertThat(CommandCore.read(NullValue.INSTANCE, TEXT, DEFAULT, true)).isSameAs(DEFAULT);
        assertThat(CommandCore.read(null, TEXT, DEFAULT, true)).isSameAs(DEFAULT);
        // The facade's untyped and unfingerprinted reads take any envelope's content, and plain values.
        assertThat(CommandCore.read(new Fingerprinted(0xdefL, "a"), ValueType.ANY, DEFAULT, true)).isEqualTo("a");
        assertThat(CommandCore.read(new Fingerprinted(0xdefL, null), ValueType.ANY, DEFAULT, true)).isNull();
        assertThat(CommandCore.read("a", ValueType.of(String.class), DEFAULT, true)).isEqualTo("a");
        assertThat(CommandCore.<Object>unwrap(new Fingerprinted(0xdefL, "a"))).isEqualTo("a");
        assertThat(CommandCore.<Object>unwrap(new Fingerprinted(0xdefL, null))).isNull();
    }

    @Test
    void fromABackendKeepingObjectsAPlainValueIsAHit() {
        assertThat(CommandCore.read("a", TEXT, DEFAULT, false)).isEqualTo("a");
        // An envelope still passes by there (a transaction's buffer): checked when present.
        assertThat(CommandCore.read(new Fingerprinted(0xabcL, "a"), TEXT, DEFAULT, false)).isEqualTo("a");
        assertThat(CommandCore.read(new Fingerprinted(0xabcL, null), TEXT, DEFAULT, false)).isNull();
        assertThat(CommandCore.read(new Fingerprinted(0xabcL, null), NUMBER, DEFAULT, false)).isSameAs(DEFAULT);
        assertThat(CommandCore.read(new Fingerprinted(0xdefL, "a"), TEXT, DEFAULT, false)).isSameAs(DEFAULT);
    }

    @Test
    void theMemoryBackendKeepsTheContentAndAProxyHitReturnsTheSameObject() {
        Backend memory = cache.setup("mem://");
        assertThat(memory.encodesValues()).isFalse();
        CacheMethod method = CacheMethod.of(cache, "t:{id}", 60_000L, TEXT);

        String first = load(method, "t:1");
        assertThat(memory.get("t:1")).isSameAs(first);
        assertThat(method.lookup("t:1")).isSameAs(first);
        assertThat(load(method, "t:1")).isSameAs(first);
        assertThat(calls).hasValue(1);
        // Null results are stored as the plain null marker.
        cache.set("n", TEXT.seal(null));
        assertThat(memory.get("n")).isSameAs(NullValue.INSTANCE);
        assertThat(cache.getAs("n", TEXT, "default")).isNull();
    }

    @Test
    void insideATransactionTheBufferedEnvelopeReadsBackAndTheCommitStoresTheContent() {
        Backend memory = cache.setup("mem://");
        CacheMethod method = CacheMethod.of(cache, "t:{id}", 60_000L, TEXT);
        CacheMethod nulls = CacheMethod.of(cache, "n:{id}", 60_000L, TEXT);
        try (CacheTransaction tx = cache.transaction()) {
            String value = load(method, "t:2");
            assertThat(method.lookup("t:2")).isSameAs(value);
            assertThat(nulls.<String, RuntimeException>load("n:2", null, () -> null)).isNull();
            assertThat(nulls.lookup("n:2")).isNull();
            tx.commit();
        }
        assertThat(memory.get("t:2")).isEqualTo("value 1");
        assertThat(memory.get("n:2")).isSameAs(NullValue.INSTANCE);
        assertThat(method.lookup("t:2")).isEqualTo("value 1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void getOrSetWithAFingerprintedTypeStoresWhatItReadsBack() {
        Backend memory = cache.setup("mem://");
        assertThat(cache.getOrSet("g", TEXT, () -> "computed", Duration.ofMinutes(1))).isEqualTo("computed");
        assertThat(memory.get("g")).isEqualTo("computed");
        assertThat(cache.getOrSet("g", TEXT, () -> "again", Duration.ofMinutes(1))).isEqualTo("computed");
    }

    private String load(CacheMethod method, String key) {
        Object hit = method.lookup(key);
        return hit != CacheMethod.MISS ? CacheMethod.value(hit)
                : method.<String, RuntimeException>load(key, null, () -> "value " + calls.incrementAndGet());
    }
}
