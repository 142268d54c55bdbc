package io.cashews.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.codec.ValueTypes;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mem://?copy=true} and {@code secret}: the cache keeps copies, not the caller's objects. */
class MemoryCopyTest {

    private static final Duration TTL = Duration.ofMinutes(1);

    /** A mutable value, registered as a generated proxy would register its result type. */
    static final class Basket implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<String> items = new ArrayList<>();
    }

    static {
        ValueTypes.allow(Basket.class);
    }

    @Test
    void changingAnObjectAfterStoringItOrAfterReadingItLeavesTheCacheAlone() {
        try (Cashews cache = Cashews.create("mem://?copy=true")) {
            Basket basket = new Basket();
            basket.items.add("tea");
            cache.set("basket", basket, TTL);
            basket.items.add("after set");
            Basket read = cache.get("basket");
            assertThat(read).isNotSameAs(basket);
            assertThat(read.items).containsExactly("tea");
            read.items.add("after get");
            assertThat(cache.<Basket>get("basket").items).containsExactly("tea");
        }
    }

    @Test
    void withoutCopyTheObjectItselfIsKept() {
        try (Cashews cache = Cashews.create("mem://")) {
            Basket basket = new Basket();
            cache.set("basket", basket, TTL);
            assertThat(cache.<Basket>get("basket")).isSameAs(basket);
        }
    }

    @Test
    void countersAndLocksWorkOnCopies() {
        try (Cashews cache = Cashews.create("mem://?secret=k&digestmod=sha1")) {
            assertThat(cache.incr("n")).isEqualTo(1);
            assertThat(cache.incr("n")).isEqualTo(2);
            assertThat(cache.setLock("lock", "me", TTL)).isTrue();
            assertThat(cache.unlock("lock", "you")).isFalse();
            assertThat(cache.unlock("lock", "me")).isTrue();
        }
    }

    @Test
    void signedValuesAreStoredInTheSignedForm() {
        try (Cashews cache = Cashews.create("mem://?secret=k&digestmod=sha256")) {
            cache.set("k", "v", TTL);
            byte[] raw = cache.getRaw("k");
            assertThat(new String(raw, StandardCharsets.ISO_8859_1)).startsWith("sha256:").endsWith("_Sv");
            assertThat(cache.<String>get("k")).isEqualTo("v");
        }
    }

    @Test
    void valueOptionsWithoutCopyOrSecretAreRejectedByName() {
        assertThatThrownBy(() -> Cashews.create("mem://?serializer=json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'serializer'")
                .hasMessageContaining("copy=true");
        assertThatThrownBy(() -> Cashews.create("mem://?copy=maybe"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("copy");
        assertThatThrownBy(() -> Cashews.create("mem://?copy=true&digestmod=sha1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digestmod");
    }

    @Test
    void compareAndSetFindsEqualValuesEqualWhenTheyAreCompressedAndSigned() {
        // Encoding is deterministic for a value and a key: the gzip header carries no time, the
        // deflate output depends only on the bytes, and the signature is an HMAC of key and payload.
        for (String compression : List.of("gzip", "zstd")) {
            try (Cashews cache = Cashews.create("mem://?secret=s3cret&compress_type=" + compression
                    + "&compress_min_size=16")) {
                io.cashews.spi.Backend backend = cache.backends().get("");
                String big = "tea ".repeat(100);
                backend.set("k", new ArrayList<>(List.of(big)), null, io.cashews.Exist.ANY);
                assertThat(backend.compareAndSet("k", new ArrayList<>(List.of(big + ".")), "no", null, false)).isFalse();
                assertThat(backend.compareAndSet("k", new ArrayList<>(List.of(big)), big, null, false))
                        .as(compression).isTrue();
                assertThat(backend.deleteIfEquals("k", "tea ".repeat(100))).as(compression).isTrue();
            }
        }
    }

    @Test
    void compareAndSetOfAMapDependsOnItsSerializedForm() {
        // Documented: on encoded backends equal maps whose serialized order differs are not equal.
        try (Cashews cache = Cashews.create("mem://?copy=true")) {
            io.cashews.spi.Backend backend = cache.backends().get("");
            java.util.Map<String, Integer> inOrder = new java.util.LinkedHashMap<>();
            inOrder.put("a", 1);
            inOrder.put("b", 2);
            java.util.Map<String, Integer> reversed = new java.util.LinkedHashMap<>();
            reversed.put("b", 2);
            reversed.put("a", 1);
            assertThat(inOrder).isEqualTo(reversed);
            backend.set("m", inOrder, null, io.cashews.Exist.ANY);
            assertThat(backend.compareAndSet("m", reversed, "x", null, false)).isFalse();
            // A copy of the same entries has another table size, which JDK serialization writes too.
            assertThat(backend.compareAndSet("m", new java.util.LinkedHashMap<>(inOrder), "x", null, false)).isFalse();
            java.util.Map<String, Integer> again = new java.util.LinkedHashMap<>();
            again.put("a", 1);
            again.put("b", 2);
            assertThat(backend.compareAndSet("m", again, "x", null, false)).as("built the same way").isTrue();
        }
        try (Cashews plain = Cashews.create("mem://")) {
            io.cashews.spi.Backend backend = plain.backends().get("");
            backend.set("m", java.util.Map.of("a", 1, "b", 2), null, io.cashews.Exist.ANY);
            assertThat(backend.compareAndSet("m", new java.util.TreeMap<>(java.util.Map.of("b", 2, "a", 1)), "x", null, false))
                    .as("plain mem:// compares with equals").isTrue();
        }
    }
}
