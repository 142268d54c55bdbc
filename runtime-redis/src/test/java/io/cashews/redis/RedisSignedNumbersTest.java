package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.UnsecureDataException;
import io.cashews.codec.CachedException;
import io.cashews.codec.Stamped;
import io.cashews.codec.ValueType;
import io.cashews.codec.ValueTypes;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21: with {@code secret} set, numbers were stored as bare digits and never signed, so an
 * outside {@code SET n 999} read back as 999 and a signed string overwritten with digits came back
 * as a {@code Long}. Now every value form is signed, on {@code mem://} (which encodes with a
 * secret), on Redis and on Redis with client-side copies: unsigned data is a miss, a tampered or
 * copied signature throws {@link UnsecureDataException}, and {@code incr} keeps working on signed
 * counters.
 */
class RedisSignedNumbersTest {

    private static final String URL = TestRedis.url(10);
    private static final String SECRET = "secret=k3y&suppress=false";

    /** A registered result type, as a proxy would register it. */
    record Profile(String name, int level) implements Serializable {
    }

    static {
        ValueTypes.allow(Profile.class);
    }

    private TestRedis.Raw raw;
    private final List<Cashews> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
    }

    @AfterEach
    void close() {
        opened.forEach(Cashews::close);
        raw.close();
    }

    private Cashews cache(String url) {
        Cashews cache = new Cashews();
        cache.setup(url);
        opened.add(cache);
        return cache;
    }

    private Cashews backend(String name) {
        return switch (name) {
            case "mem" -> cache("mem://?check_interval=0&secret=k3y");
            case "redis" -> cache(URL + "?" + SECRET);
            case "client_side" -> cache(URL + "?client_side=true&" + SECRET);
            case "json" -> cache(URL + "?serializer=json&digestmod=sha256&" + SECRET);
            default -> throw new IllegalArgumentException(name);
        };
    }

    // Every value form the codec writes, by the key it is stored under.
    private static Map<String, Object> forms() {
        Map<String, Object> forms = new LinkedHashMap<>();
        forms.put("string", "text");
        forms.put("bytes", new byte[] {1, 2, 3});
        forms.put("long", 5L);
        forms.put("negative", -7L);
        forms.put("integer", 5);
        forms.put("object", new Profile("ann", 3));
        forms.put("stamped", new Stamped(1234L, 5L));
        forms.put("exception", new CachedException(new IllegalStateException("boom")));
        return forms;
    }

    private static byte[] rawBytes(Cashews cache, String key) {
        Object stored = cache.getRaw(key);
        return stored instanceof byte[] bytes ? bytes.clone() : ((String) stored).getBytes(StandardCharsets.UTF_8);
    }

    private static void storeEveryForm(Cashews cache) {
        forms().forEach(cache::set);
        cache.set("null", null);
        cache.incr("counter");
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(forms().keySet());
        keys.add("null");
        keys.add("counter");
        return keys;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "redis", "client_side", "json"})
    void everyValueFormIsStoredSignedAndReadsBack(String backend) {
        Cashews cache = backend(backend);
        storeEveryForm(cache);
        String digest = backend.equals("json") ? "sha256:" : "md5:";
        for (String key : keys()) {
            assertThat(new String(rawBytes(cache, key), StandardCharsets.ISO_8859_1)).as(key).startsWith(digest);
        }
        assertThat(cache.<Object>get("long")).isEqualTo(5L);
        assertThat(cache.<Object>get("negative")).isEqualTo(-7L);
        assertThat(cache.<Object>get("integer")).isInstanceOf(Integer.class).isEqualTo(5);
        assertThat(cache.<Object>get("counter")).isEqualTo(1L);
        assertThat(cache.<Object>get("string")).isEqualTo("text");
        assertThat(cache.<byte[]>get("bytes")).containsExactly(1, 2, 3);
        assertThat(cache.get("null", "missing")).isNull();
        assertThat(cache.getAs("object", ValueType.of(Profile.class))).isEqualTo(new Profile("ann", 3));
        assertThat(cache.<Object>get("stamped")).isEqualTo(new Stamped(1234L, 5L));
        assertThat(cache.<Object>get("exception")).isInstanceOf(CachedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "redis", "client_side", "json"})
    void unsignedNumbersAndDigitsOverASignedValueAreMisses(String backend) {
        Cashews cache = backend(backend);
        storeEveryForm(cache);
        for (String key : keys()) {
            cache.setRaw(key, "999");
            assertThat(cache.get(key, "missing")).as(key).isEqualTo("missing");
            cache.setRaw(key, "I999");
            assertThat(cache.get(key, "missing")).as(key).isEqualTo("missing");
        }
        assertThat(cache.getMany("long", "integer", "counter")).containsExactly(null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "redis", "client_side", "json"})
    void tamperedValueOfEveryFormThrows(String backend) {
        Cashews cache = backend(backend);
        storeEveryForm(cache);
        for (String key : keys()) {
            byte[] data = rawBytes(cache, key);
            data[data.length - 1] ^= 1;
            cache.setRaw(key, data);
            assertThatThrownBy(() -> cache.get(key)).as(key).isInstanceOf(UnsecureDataException.class)
                    .hasMessageContaining(key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "redis", "client_side", "json"})
    void valueOfEveryFormCopiedToAnotherKeyThrows(String backend) {
        Cashews cache = backend(backend);
        storeEveryForm(cache);
        for (String key : keys()) {
            cache.setRaw("copy", rawBytes(cache, key));
            assertThatThrownBy(() -> cache.get("copy")).as(key).isInstanceOf(UnsecureDataException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "redis", "client_side"})
    void incrOnSignedCountersAddsAndKeepsThemSigned(String backend) {
        Cashews cache = backend(backend);
        assertThat(cache.incr("c", 5, Duration.ofMinutes(10))).isEqualTo(5);
        assertThat(cache.incr("c", -2, null)).isEqualTo(3);
        assertThat(cache.getExpire("c")).isPositive();
        cache.set("n", 40L);
        cache.set("i", 40);
        assertThat(cache.incr("n", 2, null)).isEqualTo(42);
        assertThat(cache.incr("i", 2, null)).isEqualTo(42);
        assertThat(cache.<Object>get("n")).isEqualTo(42L);
        assertThat(new String(rawBytes(cache, "c"), StandardCharsets.ISO_8859_1)).startsWith("md5:").endsWith("_L3");
        cache.set("s", "text");
        assertThatThrownBy(() -> cache.incr("s")).isInstanceOf(IllegalStateException.class).hasMessageContaining("s'");
        cache.set("max", Long.MAX_VALUE);
        assertThatThrownBy(() -> cache.incr("max")).isInstanceOf(IllegalStateException.class).hasMessageContaining("max");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "redis", "client_side"})
    void incrRestartsAnUnsignedCounterAndRefusesATamperedOne(String backend) {
        Cashews cache = backend(backend);
        cache.incr("c", 10, null);
        cache.setRaw("c", "999");
        assertThat(cache.incr("c", 1, Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(cache.<Object>get("c")).isEqualTo(1L);
        byte[] data = rawBytes(cache, "c");
        data[data.length - 1] = '9';
        cache.setRaw("c", data);
        assertThatThrownBy(() -> cache.incr("c")).isInstanceOf(UnsecureDataException.class).hasMessageContaining("c'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "redis", "client_side"})
    void concurrentIncrementsOfASignedCounterAreAllCounted(String backend) {
        Cashews cache = backend(backend);
        List<CompletableFuture<Void>> runs = IntStream.range(0, 4)
                .mapToObj(t -> CompletableFuture.runAsync(() -> IntStream.range(0, 50).forEach(i -> cache.incr("hits"))))
                .toList();
        runs.forEach(CompletableFuture::join);
        assertThat(cache.<Object>get("hits")).isEqualTo(200L);
    }

    // ---------------------------------------------------------------- through a proxy, raw writes to Redis

    /** Counts calls; answers with fixed values. */
    static final class Real implements SignedNumbers {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Long number(int id) {
            calls.incrementAndGet();
            return 7L;
        }

        @Override
        public Integer small(int id) {
            calls.incrementAndGet();
            return 7;
        }

        @Override
        public Object anything(int id) {
            calls.incrementAndGet();
            return "real";
        }

        @Override
        public String text(int id) {
            calls.incrementAndGet();
            return "real";
        }

        @Override
        public Long early(int id) {
            calls.incrementAndGet();
            return 7L;
        }

        @Override
        public Long failing(int id) {
            calls.incrementAndGet();
            throw new IllegalStateException("failed");
        }
    }

    private static final Map<String, Function<SignedNumbers, Object>> CALLS = new LinkedHashMap<>();

    static {
        CALLS.put("long:1", s -> s.number(1));
        CALLS.put("int:1", s -> s.small(1));
        CALLS.put("any:1", s -> s.anything(1));
        CALLS.put("text:1", s -> s.text(1));
        CALLS.put("early:1", s -> s.early(1));
        CALLS.put("failing:1", s -> {
            try {
                return s.failing(1);
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "client_side=true&"})
    void proxyRecomputesWhenAnOutsiderPlantsDigits(String options) {
        Cashews cache = cache(URL + "?" + options + SECRET);
        Real real = new Real();
        SignedNumbers proxy = new SignedNumbers_Cached(real, cache);
        for (Map.Entry<String, Function<SignedNumbers, Object>> call : CALLS.entrySet()) {
            Object first = call.getValue().apply(proxy);
            int calls = real.calls.get();
            assertThat(call.getValue().apply(proxy)).as(call.getKey()).isEqualTo(first);
            assertThat(real.calls.get()).as("%s is cached", call.getKey()).isEqualTo(calls);
            // The stored key: client_side adds its prefix, @Early its own.
            List<String> stored = raw.sync().keys("*" + call.getKey());
            assertThat(stored).as(call.getKey()).hasSize(1);
            for (String planted : List.of("999999", "31337", "I999", "L999")) {
                raw.sync().set(stored.get(0), planted.getBytes(StandardCharsets.US_ASCII));
                awaitRecomputed(proxy, call, first, real);
            }
        }
    }

    // A client-side copy learns of the outside write by a push message: retry until it has.
    private static void awaitRecomputed(SignedNumbers proxy, Map.Entry<String, Function<SignedNumbers, Object>> call,
            Object expected, Real real) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            int calls = real.calls.get();
            assertThat(call.getValue().apply(proxy)).as(call.getKey()).isEqualTo(expected);
            if (real.calls.get() > calls) {
                return;
            }
            assertThat(System.nanoTime()).as("%s recomputed after an outside write", call.getKey()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void proxyThrowsForATamperedSignedNumber() {
        Cashews cache = cache(URL + "?" + SECRET);
        SignedNumbers proxy = new SignedNumbers_Cached(new Real(), cache);
        proxy.number(2);
        byte[] data = raw.sync().get("long:2");
        data[data.length - 1] = '9';
        raw.sync().set("long:2", data);
        assertThatThrownBy(() -> proxy.number(2)).isInstanceOf(UnsecureDataException.class).hasMessageContaining("long:2");
        raw.sync().set("any:2", data);
        assertThatThrownBy(() -> proxy.anything(2)).isInstanceOf(UnsecureDataException.class);
    }

    @Test
    void rawCounterStoredByAnotherInstanceWithoutTheSecretIsAMiss() {
        Cashews plain = cache(URL + "?suppress=false");
        Cashews signed = backend("redis");
        plain.incr("visits", 999, null);
        assertThat(signed.<Object>get("visits")).isNull();
        assertThat(signed.incr("visits")).isEqualTo(1);
        assertThat(plain.<Object>get("visits")).isNull();
    }
}
