package io.cashews.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.UnsecureDataException;
import io.cashews.spi.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The decode memo ({@code decode_memo_size}): what it may share, what it must decode afresh, and
 * that nothing it keeps can answer for other bytes, another key or a refused class. A payload is
 * kept from its second decoding, so the tests read twice before they expect a kept value.
 */
class DecodeMemoTest {

    /** Immutable: a record of immutable fields. */
    record Price(String sku, long cents) implements Serializable {
    }

    /** Changeable: a record holding a list. */
    record Basket(String owner, List<String> items) implements Serializable {
    }

    /** Registered by no one until a test allows it. */
    record LateType(String name) implements Serializable {
    }

    private static ValueCodec codec(Map<String, ?> options) {
        return ValueCodec.of(Options.of(options));
    }

    @Test
    void anImmutableValueReadAgainIsTheOneDecodedBefore() {
        ValueTypes.allow(Price.class);
        ValueCodec codec = codec(Map.of());
        byte[] stored = codec.encode("k", new Price("a", 100));

        Object first = codec.decode("k", stored.clone());
        Object second = codec.decode("k", stored.clone());
        Object third = codec.decode("k", stored.clone());

        assertThat(first).isEqualTo(new Price("a", 100)).isEqualTo(second);
        assertThat(second).as("kept from the second decoding").isNotSameAs(first);
        assertThat(third).isSameAs(second);
        assertThat(codec.decode("k", stored.clone())).isSameAs(second);
    }

    @Test
    void aValueReadOnceIsNotKept() {
        ValueTypes.allow(Price.class);
        JavaSerializer java = new JavaSerializer(AllowListFilter.of(""), DecodeLimits.DEFAULT_MAX_DEPTH);
        DecodeMemo memo = new DecodeMemo(DecodeMemo.DEFAULT_SIZE, DecodeMemo::hash);
        for (int i = 0; i < 100; i++) {
            assertThat(memo.read(java.write(new Price("sku-" + i, i)), 1, java)).isEqualTo(new Price("sku-" + i, i));
        }
        assertThat(memo.size()).isZero();
    }

    @Test
    void changeableValuesAreDecodedForEveryRead() {
        ValueTypes.allow(Basket.class);
        ValueCodec codec = codec(Map.of());
        byte[] list = codec.encode("k", new ArrayList<>(List.of("x", "y")));
        byte[] basket = codec.encode("k", new Basket("ann", new ArrayList<>(List.of("x"))));

        // Twice each: a payload that may be kept is kept from its second decoding.
        codec.decode("k", list);
        codec.decode("k", basket);
        @SuppressWarnings("unchecked")
        List<String> secondList = (List<String>) codec.decode("k", list);
        secondList.add("changed by a reader");
        Basket secondBasket = (Basket) codec.decode("k", basket);
        secondBasket.items().add("changed by a reader");

        assertThat(codec.decode("k", list)).isNotSameAs(secondList).isEqualTo(List.of("x", "y"));
        assertThat(codec.decode("k", basket)).isNotSameAs(secondBasket).isEqualTo(new Basket("ann", List.of("x")));
    }

    @Test
    void everyValueOfACycleIsKeptFromItsSecondRoundOn() {
        // A first table of one hash per slot never kept two values that shared a slot and were
        // read in turn (each overwrote the other's mark): about 11 % of 1,000 values here.
        ValueTypes.allow(Price.class);
        JavaSerializer java = new JavaSerializer(AllowListFilter.of(""), DecodeLimits.DEFAULT_MAX_DEPTH);
        DecodeMemo memo = new DecodeMemo(DecodeMemo.DEFAULT_SIZE, DecodeMemo::hash);
        List<byte[]> streams = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            streams.add(java.write(new Price("sku-" + i, i)));
        }
        for (int round = 0; round < 2; round++) {
            for (byte[] stream : streams) {
                memo.read(stream, 1, java);
            }
        }
        assertThat(memo.size()).isEqualTo(1_000);
    }

    @Test
    void otherBytesGetTheirOwnValueEvenWhenEveryHashCollides() {
        ValueTypes.allow(Price.class);
        DecodeMemo memo = new DecodeMemo(DecodeMemo.DEFAULT_SIZE, (data, from, length) -> 42);
        JavaSerializer java = new JavaSerializer(AllowListFilter.of(""), DecodeLimits.DEFAULT_MAX_DEPTH);
        List<byte[]> streams = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            streams.add(java.write(new Price("sku-" + i, i)));
        }
        List<Object> firstReads = new ArrayList<>();
        for (byte[] stream : streams) {
            memo.read(stream, 1, java);
            firstReads.add(memo.read(stream, 1, java));
        }
        for (int i = 0; i < streams.size(); i++) {
            Object again = memo.read(streams.get(i).clone(), 1, java);
            assertThat(again).isEqualTo(new Price("sku-" + i, i)).isSameAs(firstReads.get(i));
        }
        assertThat(memo.size()).isEqualTo(200);
    }

    @Test
    void theCallersArrayIsCopiedNotKept() {
        ValueTypes.allow(Price.class);
        ValueCodec codec = codec(Map.of());
        byte[] stored = codec.encode("k", new Price("abc", 1));
        byte[] read = stored.clone();
        codec.decode("k", read);
        Object first = codec.decode("k", read);

        // The reader's array changes afterwards (say, a buffer reused): "abc" becomes "abd".
        int at = indexOf(read, "abc".getBytes(StandardCharsets.UTF_8));
        read[at + 2] = 'd';

        assertThat(codec.decode("k", read)).isEqualTo(new Price("abd", 1));
        assertThat(codec.decode("k", stored.clone())).isSameAs(first).isEqualTo(new Price("abc", 1));
    }

    @Test
    void aPayloadTheAllowListRefusedIsNotKeptAndReadsOnceTheClassIsAllowed() throws IOException {
        ValueCodec codec = codec(Map.of());
        byte[] stored = javaForm(new LateType("late"));

        assertThat(codec.decode("k", stored)).isNull();
        assertThat(codec.decode("k", stored)).isNull();
        ValueTypes.allow(LateType.class);
        assertThat(codec.decode("k", stored)).isEqualTo(new LateType("late"));
    }

    @Test
    void aKeptValueIsStillCheckedAgainstItsSignatureAndKey() {
        ValueTypes.allow(Price.class);
        ValueCodec codec = codec(Map.of("secret", "s3cret"));
        byte[] stored = codec.encode("a", new Price("a", 1));
        codec.decode("a", stored);
        assertThat(codec.decode("a", stored)).isEqualTo(new Price("a", 1)).isSameAs(codec.decode("a", stored));

        // The same bytes copied to another key: the payload is kept, the signature still fails.
        assertThatThrownBy(() -> codec.decode("b", stored)).isInstanceOf(UnsecureDataException.class);
        byte[] tampered = stored.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> codec.decode("a", tampered)).isInstanceOf(UnsecureDataException.class);
    }

    @Test
    void zeroKeepsNothing() {
        ValueTypes.allow(Price.class);
        ValueCodec codec = codec(Map.of("decode_memo_size", 0));
        byte[] stored = codec.encode("k", new Price("a", 1));

        codec.decode("k", stored);
        Object third = codec.decode("k", stored);
        assertThat(codec.decode("k", stored)).isEqualTo(third).isNotSameAs(third);
    }

    @Test
    void aPayloadAboveASixteenthOfTheBoundIsNotKept() {
        ValueTypes.allow(Price.class);
        JavaSerializer java = new JavaSerializer(AllowListFilter.of(""), DecodeLimits.DEFAULT_MAX_DEPTH);
        byte[] small = java.write(new Price("a", 1));
        byte[] large = java.write(new Price("a".repeat(small.length * 2), 1));
        DecodeMemo memo = new DecodeMemo(16L * small.length, DecodeMemo::hash);

        memo.read(large, 1, java);
        memo.read(small, 1, java);
        assertThat(memo.read(large, 1, java)).isNotSameAs(memo.read(large, 1, java));
        assertThat(memo.read(small, 1, java)).isSameAs(memo.read(small, 1, java));
        assertThat(memo.size()).isEqualTo(1);
    }

    @Test
    void theBoundEvictsOldDecodings() {
        ValueTypes.allow(Price.class);
        JavaSerializer java = new JavaSerializer(AllowListFilter.of(""), DecodeLimits.DEFAULT_MAX_DEPTH);
        DecodeMemo memo = new DecodeMemo(8 * 1024, DecodeMemo::hash);
        for (int i = 0; i < 1_000; i++) {
            byte[] stream = java.write(new Price("sku-" + i, i));
            memo.read(stream, 1, java);
            assertThat(memo.read(stream, 1, java)).isEqualTo(new Price("sku-" + i, i));
        }
        // Each entry weighs its payload plus its bookkeeping: far fewer than 1,000 fit in 8 KiB.
        assertThat(memo.size()).isBetween(1L, 8L * 1024 / 96);
    }

    @Test
    void aBadSizeIsRejectedNamingTheOption() {
        assertThatThrownBy(() -> codec(Map.of("decode_memo_size", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decode_memo_size");
        assertThatThrownBy(() -> codec(Map.of("decode_memo_size", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decode_memo_size");
    }

    @Test
    void concurrentReadersOfManyPayloadsEachGetTheirValue() throws Exception {
        ValueTypes.allow(Price.class);
        ValueCodec codec = codec(Map.of("decode_memo_size", 4096));
        int values = 64;
        List<byte[]> stored = new ArrayList<>();
        for (int i = 0; i < values; i++) {
            stored.add(codec.encode("k", new Price("sku-" + i, i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    for (int n = 0; n < 5_000; n++) {
                        int i = (n * 7 + offset) % values;
                        if (!new Price("sku-" + i, i).equals(codec.decode("k", stored.get(i).clone()))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<Integer> mismatches : wrong) {
                assertThat(mismatches.get(60, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] javaForm(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ValueCodec.TAG_JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
