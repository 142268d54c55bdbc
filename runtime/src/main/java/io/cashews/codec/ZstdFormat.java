package io.cashews.codec;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.util.Arrays;

/**
 * The only class touching zstd-jni, an optional dependency: its first use fails with a
 * {@link LinkageError} when the library is missing, which {@link Compression#zstd()} reports.
 */
final class ZstdFormat {

    private ZstdFormat() {
    }

    /** Loads the library (Java classes and native code) or fails with a {@link LinkageError}. */
    static void check() {
        Zstd.compress(new byte[] {1});
    }

    static byte[] compress(byte[] data) {
        return Zstd.compress(data, 3);
    }

    static byte[] decompress(byte[] data, int offset, int maxSize) throws IOException {
        byte[] frame = offset == 0 ? data : Arrays.copyOfRange(data, offset, data.length);
        long size = Zstd.getFrameContentSize(frame, 0, frame.length);
        if (size < 0) {
            throw new IOException("zstd frame without a usable content size: " + size);
        }
        if (size > maxSize) {
            // Refused before anything is allocated: the frame only claims this size.
            throw new DecodeLimits.Exceeded("compress_max_size=" + maxSize);
        }
        // At most size bytes are written; a frame that holds more fails.
        return Zstd.decompress(frame, (int) size);
    }
}
