package io.cashews.codec;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Stored forms a hostile writer could put under a key, built the way such a writer would (no
 * signature): each must read as a miss, promptly and with bounded allocation. Shared with the
 * Redis tests, which plant them raw.
 */
public final class HostilePayloads {

    private HostilePayloads() {
    }

    /**
     * Nested {@code HashSet}s whose deserialization costs 2^depth hash computations (the
     * "SerialDOS" payload): a few hundred bytes of JDK classes only, which the allow-list admits.
     *
     * @param depth the nesting
     * @return the stored form ({@code J} + the serialization)
     */
    public static byte[] serialDos(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return java(root);
    }

    /**
     * A JDK-serialized {@code byte[]} whose header announces 16 million elements while the stream
     * carries three.
     *
     * @return the stored form
     */
    public static byte[] arrayLengthBomb() {
        byte[] marker = {0x5a, 0x6b, 0x7c};
        byte[] stream = java(marker);
        for (int i = 0; i + 7 <= stream.length; i++) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 0 && stream[i + 3] == 3
                    && stream[i + 4] == marker[0] && stream[i + 5] == marker[1] && stream[i + 6] == marker[2]) {
                int length = 16_000_000;
                stream[i] = (byte) (length >>> 24);
                stream[i + 1] = (byte) (length >>> 16);
                stream[i + 2] = (byte) (length >>> 8);
                stream[i + 3] = (byte) length;
                return stream;
            }
        }
        throw new AssertionError("array length not found in the stream");
    }

    /**
     * A gzip stream that inflates to a string of {@code size} characters, kilobytes when stored.
     *
     * @param size the inflated size in bytes
     * @return the stored form (gzip of {@code S} + the characters)
     */
    public static byte[] gzipBomb(long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            out.write(ValueCodec.TAG_STRING);
            byte[] block = new byte[1 << 16];
            Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A zstd frame that inflates to {@code size} bytes and says so in its header.
     *
     * @param size the inflated size in bytes
     * @return the stored form (zstd of {@code S} + the characters)
     */
    public static byte[] zstdBomb(int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'a');
        content[0] = ValueCodec.TAG_STRING;
        return Zstd.compress(content, 19);
    }

    /**
     * A zstd frame header claiming {@code size} bytes of content, followed by nothing useful:
     * built by hand, so that it needs no zstd library (a reader must refuse it from the header).
     *
     * @param size the claimed content size
     * @return the stored form
     */
    public static byte[] zstdClaiming(long size) {
        byte[] frame = new byte[4 + 1 + 8 + 3];
        frame[0] = 0x28;
        frame[1] = (byte) 0xb5;
        frame[2] = 0x2f;
        frame[3] = (byte) 0xfd;
        // Frame header descriptor: an 8-byte content size, single segment (no window byte).
        frame[4] = (byte) 0xe0;
        for (int i = 0; i < 8; i++) {
            frame[5 + i] = (byte) (size >>> (8 * i));
        }
        // A last, empty raw block.
        frame[13] = 0x01;
        return frame;
    }

    /**
     * JSON nested far deeper than any value: {@code O} + {@code [[[…]]]}.
     *
     * @param depth the nesting
     * @return the stored form
     */
    public static byte[] deepJson(int depth) {
        StringBuilder json = new StringBuilder(2 * depth + 1).append('O');
        json.append("[".repeat(depth)).append("]".repeat(depth));
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Random and truncated bytes behind every tag and magic number the codec knows, from a fixed
     * seed.
     *
     * @param perTag how many payloads per tag
     * @return the stored forms
     */
    public static List<byte[]> garbage(int perTag) {
        Random random = new Random(20261202L);
        byte[] serialized = java(new ArrayList<>(List.of("a", 1, 2L)));
        List<byte[]> all = new ArrayList<>();
        byte[][] heads = {{'S'}, {'B'}, {'N'}, {'I'}, {'J'}, {'O'}, {'L'}, {'T'}, {'X'},
            {(byte) 0x1f, (byte) 0x8b}, {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd}};
        for (byte[] head : heads) {
            for (int i = 0; i < perTag; i++) {
                byte[] tail = new byte[random.nextInt(64)];
                random.nextBytes(tail);
                byte[] payload = Arrays.copyOf(head, head.length + tail.length);
                System.arraycopy(tail, 0, payload, head.length, tail.length);
                all.add(payload);
            }
            // A real serialization cut short behind the tag.
            for (int cut = 1; cut < serialized.length; cut += 7) {
                byte[] truncated = Arrays.copyOf(head, head.length + cut);
                System.arraycopy(serialized, 1, truncated, head.length, cut - 1);
                all.add(truncated);
            }
        }
        return all;
    }

    private static byte[] java(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ValueCodec.TAG_JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
