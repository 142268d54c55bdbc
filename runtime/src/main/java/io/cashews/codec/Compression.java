package io.cashews.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code compress_type}: how large payloads are compressed before they are signed. Reading does
 * not depend on the option: compressed data is recognised by its format's magic number (which no
 * uncompressed payload starts with, since those start with an ASCII tag), so data written before
 * compression was switched on, or with the other format, still reads.
 */
final class Compression {

    private Compression() {
    }

    /** A compression format. */
    interface Format {
        byte[] compress(byte[] data);
    }

    static final Format GZIP = data -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    };

    /**
     * Returns the zstd format.
     *
     * @return the format
     * @throws IllegalArgumentException naming the option when zstd-jni is not on the class path
     */
    static Format zstd() {
        try {
            ZstdFormat.check();
        } catch (LinkageError e) {
            throw new IllegalArgumentException("option 'compress_type=zstd' needs com.github.luben:zstd-jni"
                    + " on the class path (its Java classes and its native library): " + e, e);
        }
        return ZstdFormat::compress;
    }

    static boolean isGzip(byte[] data, int offset) {
        return data.length - offset >= 2 && (data[offset] & 0xff) == 0x1f && (data[offset + 1] & 0xff) == 0x8b;
    }

    static boolean isZstd(byte[] data, int offset) {
        return data.length - offset >= 4 && (data[offset] & 0xff) == 0x28 && (data[offset + 1] & 0xff) == 0xb5
                && (data[offset + 2] & 0xff) == 0x2f && (data[offset + 3] & 0xff) == 0xfd;
    }

    /**
     * Undoes compression if the data is compressed.
     *
     * @param data the stored payload
     * @param offset where it starts
     * @param maxSize the most bytes decompression may produce ({@code compress_max_size})
     * @return the uncompressed bytes (a copy from {@code offset} on), the input as it was when it
     *     is not compressed, or {@code null} when it looks compressed but cannot be decompressed
     * @throws DecodeLimits.Exceeded if it would decompress to more than {@code maxSize} bytes;
     *     no more than that is ever buffered
     */
    static byte @Nullable [] decompress(byte[] data, int offset, int maxSize) {
        try {
            if (isGzip(data, offset)) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data, offset, data.length - offset))) {
                    return readBounded(in, maxSize);
                }
            }
            if (isZstd(data, offset)) {
                return ZstdFormat.decompress(data, offset, maxSize);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            if (e instanceof DecodeLimits.Exceeded exceeded) {
                throw exceeded;
            }
            return null;
        }
        return offset == 0 ? data : Arrays.copyOfRange(data, offset, data.length);
    }

    // Counts what the stream really produces: a gzip trailer's declared size is not trusted.
    private static byte[] readBounded(InputStream in, int maxSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > maxSize) {
                throw new DecodeLimits.Exceeded("compress_max_size=" + maxSize);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
